// MSBuild inline task (compiled by RoslynCodeTaskFactory); see BlazeFaceModel.targets.
// Downloads an npm package tarball once into a cache folder, checks it against the sha512 integrity npm publishes,
// and extracts the requested entries next to it. Never fails the build: when the tarball cannot be obtained it logs a
// warning naming the URL and what will be unavailable, and returns no files.
public class FetchNpmPackageFiles : Microsoft.Build.Utilities.Task
{
    [Microsoft.Build.Framework.Required]
    public string Url { get; set; } = "";

    /// <summary>npm's "dist.integrity": "sha512-" followed by the base64 SHA-512 of the tarball.</summary>
    [Microsoft.Build.Framework.Required]
    public string Integrity { get; set; } = "";

    [Microsoft.Build.Framework.Required]
    public string CacheDirectory { get; set; } = "";

    /// <summary>Entries of the tarball to extract (e.g. package/ONNX/model.onnx).</summary>
    [Microsoft.Build.Framework.Required]
    public string[] Entries { get; set; } = new string[0];

    /// <summary>What stops working without the files, for the warning.</summary>
    public string Consequence { get; set; } = "";

    public int TimeoutSeconds { get; set; } = 60;

    [Microsoft.Build.Framework.Output]
    public string[] ExtractedFiles { get; set; } = new string[0];

    public override bool Execute()
    {
        string name = System.IO.Path.GetFileName(new System.Uri(Url).AbsolutePath);
        string tarball = System.IO.Path.Combine(CacheDirectory, name);
        string folder = System.IO.Path.Combine(CacheDirectory, System.IO.Path.GetFileNameWithoutExtension(name));
        try
        {
            var wanted = new System.Collections.Generic.List<string>();
            foreach (string entry in Entries)
            {
                wanted.Add(System.IO.Path.Combine(folder, entry.Replace('/', System.IO.Path.DirectorySeparatorChar)));
            }

            if (!wanted.TrueForAll(System.IO.File.Exists))
            {
                System.IO.Directory.CreateDirectory(CacheDirectory);
                if (!System.IO.File.Exists(tarball) || !Matches(tarball))
                {
                    Download(tarball);
                }

                Extract(tarball, folder);
                foreach (string path in wanted)
                {
                    if (!System.IO.File.Exists(path))
                    {
                        throw new System.IO.InvalidDataException(Url + " does not contain " + path.Substring(folder.Length + 1));
                    }
                }
            }

            ExtractedFiles = wanted.ToArray();
            return true;
        }
        catch (System.Exception ex)
        {
            Log.LogWarning(null, "FMBUILD001", null, null, 0, 0, 0, 0,
                "Could not obtain {0} ({1}): {2}. Put the file at {3} by hand or build online once.",
                Url, ex.Message, Consequence, tarball);
            ExtractedFiles = new string[0];
            return true;
        }
    }

    private bool Matches(string path)
    {
        const string Prefix = "sha512-";
        if (!Integrity.StartsWith(Prefix, System.StringComparison.Ordinal))
        {
            throw new System.ArgumentException("Integrity must be an npm sha512 integrity string, got " + Integrity);
        }

        using (var stream = System.IO.File.OpenRead(path))
        using (var sha = System.Security.Cryptography.SHA512.Create())
        {
            return System.Convert.ToBase64String(sha.ComputeHash(stream)) == Integrity.Substring(Prefix.Length);
        }
    }

    private void Download(string tarball)
    {
        string temp = tarball + "." + System.Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp";
        try
        {
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High, "Downloading {0}", Url);
            using (var client = new System.Net.Http.HttpClient { Timeout = System.TimeSpan.FromSeconds(TimeoutSeconds) })
            using (var response = client.GetAsync(Url).GetAwaiter().GetResult())
            {
                response.EnsureSuccessStatusCode();
                using (var output = System.IO.File.Create(temp))
                {
                    response.Content.CopyToAsync(output).GetAwaiter().GetResult();
                }
            }

            if (!Matches(temp))
            {
                throw new System.IO.InvalidDataException("the download does not match the published integrity " + Integrity);
            }

            Replace(temp, tarball);
        }
        finally
        {
            if (System.IO.File.Exists(temp))
            {
                System.IO.File.Delete(temp);
            }
        }
    }

    private static void Replace(string source, string target)
    {
        if (System.IO.File.Exists(target))
        {
            System.IO.File.Delete(target);
        }

        System.IO.File.Move(source, target);
    }

    private void Extract(string tarball, string folder)
    {
        var wanted = new System.Collections.Generic.HashSet<string>(Entries, System.StringComparer.Ordinal);
        using (var file = System.IO.File.OpenRead(tarball))
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress))
        {
            // RoslynCodeTaskFactory compiles against netstandard, which has no System.Formats.Tar; the MSBuild host
            // runs on .NET, which does, so TarReader is reached through reflection.
            System.Type readerType = System.Type.GetType("System.Formats.Tar.TarReader, System.Formats.Tar", true);
            var reader = (System.IDisposable)System.Activator.CreateInstance(readerType, gzip, false);
            using (reader)
            {
                System.Reflection.MethodInfo next = readerType.GetMethod("GetNextEntry", new[] { typeof(bool) });
                object entry;
                while ((entry = next.Invoke(reader, new object[] { false })) != null)
                {
                    string entryName = (string)entry.GetType().GetProperty("Name").GetValue(entry);
                    var data = (System.IO.Stream)entry.GetType().GetProperty("DataStream").GetValue(entry);
                    if (!wanted.Contains(entryName) || data == null)
                    {
                        continue;
                    }

                    string target = System.IO.Path.Combine(folder, entryName.Replace('/', System.IO.Path.DirectorySeparatorChar));
                    System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target));
                    string temp = target + ".tmp";
                    using (var output = System.IO.File.Create(temp))
                    {
                        data.CopyTo(output);
                    }

                    Replace(temp, target);
                }
            }
        }
    }
}
