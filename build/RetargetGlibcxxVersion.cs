// MSBuild inline task (compiled by RoslynCodeTaskFactory); see TorchSharpNativePatch.targets.
// Rewrites one ELF64 little-endian .gnu.version_r auxiliary entry in place: GLIBCXX_3.4.32 -> GLIBCXX_3.4.30.
public class RetargetGlibcxxVersion : Microsoft.Build.Utilities.Task
{
    private const string From = "GLIBCXX_3.4.32";
    private const string To = "GLIBCXX_3.4.30";
    private const uint ShtGnuVerneed = 0x6ffffffe;

    [Microsoft.Build.Framework.Required]
    public string LibraryPath { get; set; } = "";

    [Microsoft.Build.Framework.Output]
    public string Outcome { get; set; } = "";

    public override bool Execute()
    {
        try
        {
            if (SystemHasVersion(From))
            {
                Outcome = "system libstdc++ provides " + From + "; left as is";
                return true;
            }

            byte[] elf = System.IO.File.ReadAllBytes(LibraryPath);
            Outcome = Retarget(elf);
            if (Outcome.StartsWith("retargeted", System.StringComparison.Ordinal))
            {
                string temp = LibraryPath + ".patching";
                System.IO.File.WriteAllBytes(temp, elf);
                System.IO.File.Replace(temp, LibraryPath, null);
            }

            return true;
        }
        catch (System.Exception ex)
        {
            Log.LogError("Could not patch {0}: {1}", LibraryPath, ex.Message);
            return false;
        }
    }

    private static bool SystemHasVersion(string version)
    {
        string[] candidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
            "/lib/x86_64-linux-gnu/libstdc++.so.6",
        };
        foreach (string path in candidates)
        {
            if (!System.IO.File.Exists(path))
            {
                continue;
            }

            byte[] bytes = System.IO.File.ReadAllBytes(path);
            byte[] needle = System.Text.Encoding.ASCII.GetBytes(version + "\0");
            return IndexOf(bytes, needle, 0) >= 0;
        }

        // No libstdc++ where we looked: patching is harmless (3.4.30 is required anyway).
        return false;
    }

    /// <summary>Returns what was done; mutates <paramref name="elf"/> when it retargets.</summary>
    public static string Retarget(byte[] elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new System.InvalidOperationException("not an ELF file");
        }

        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new System.InvalidOperationException("only 64-bit little-endian ELF is supported");
        }

        ulong shoff = System.BitConverter.ToUInt64(elf, 0x28);
        int shentsize = System.BitConverter.ToUInt16(elf, 0x3A);
        int shnum = System.BitConverter.ToUInt16(elf, 0x3C);

        for (int i = 0; i < shnum; i++)
        {
            int sh = checked((int)shoff + (i * shentsize));
            uint type = System.BitConverter.ToUInt32(elf, sh + 4);
            if (type != ShtGnuVerneed)
            {
                continue;
            }

            int link = (int)System.BitConverter.ToUInt32(elf, sh + 40);
            int verneedOffset = checked((int)System.BitConverter.ToUInt64(elf, sh + 24));
            int strSection = checked((int)shoff + (link * shentsize));
            int strOffset = checked((int)System.BitConverter.ToUInt64(elf, strSection + 24));
            int strSize = checked((int)System.BitConverter.ToUInt64(elf, strSection + 32));

            int toName = FindString(elf, strOffset, strSize, To);
            int entry = verneedOffset;
            while (true)
            {
                int count = System.BitConverter.ToUInt16(elf, entry + 2);
                int aux = entry + (int)System.BitConverter.ToUInt32(elf, entry + 8);
                for (int a = 0; a < count; a++)
                {
                    int nameOffset = (int)System.BitConverter.ToUInt32(elf, aux + 8);
                    if (ReadString(elf, strOffset + nameOffset) == From)
                    {
                        if (toName < 0)
                        {
                            throw new System.InvalidOperationException(To + " is not in the string table");
                        }

                        System.BitConverter.GetBytes(ElfHash(To)).CopyTo(elf, aux);
                        System.BitConverter.GetBytes((uint)toName).CopyTo(elf, aux + 8);
                        return "retargeted " + From + " to " + To;
                    }

                    int nextAux = (int)System.BitConverter.ToUInt32(elf, aux + 12);
                    if (nextAux == 0)
                    {
                        break;
                    }

                    aux += nextAux;
                }

                int next = (int)System.BitConverter.ToUInt32(elf, entry + 12);
                if (next == 0)
                {
                    break;
                }

                entry += next;
            }

            return "no " + From + " requirement (already patched)";
        }

        return "no .gnu.version_r section";
    }

    private static int FindString(byte[] elf, int start, int size, string value)
    {
        byte[] needle = System.Text.Encoding.ASCII.GetBytes(value + "\0");
        int at = start;
        while (true)
        {
            at = IndexOf(elf, needle, at);
            if (at < 0 || at >= start + size)
            {
                return -1;
            }

            if (at == start || elf[at - 1] == 0)
            {
                return at - start;
            }

            at++;
        }
    }

    private static string ReadString(byte[] elf, int offset)
    {
        int end = offset;
        while (end < elf.Length && elf[end] != 0)
        {
            end++;
        }

        return System.Text.Encoding.ASCII.GetString(elf, offset, end - offset);
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int start)
    {
        // netstandard2.0 (the inline-task compiler's target) has no span search.
        for (int i = start; i <= haystack.Length - needle.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j])
            {
                j++;
            }

            if (j == needle.Length)
            {
                return i;
            }
        }

        return -1;
    }

    private static uint ElfHash(string name)
    {
        uint h = 0;
        foreach (char c in name)
        {
            h = (h << 4) + c;
            uint g = h & 0xf0000000;
            if (g != 0)
            {
                h ^= g >> 24;
            }

            h &= ~g;
        }

        return h;
    }
}
