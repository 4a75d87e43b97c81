using System.Security.Cryptography;
using System.Text;

namespace FaceMask.Data;

/// <summary>Decides where the per-file caches of a dataset (decoded pixels, backbone features) live and what their files are called.</summary>
internal static class CacheLocation
{
    /// <summary>Name of the default cache folder, created beside the dataset root.</summary>
    internal const string DirectoryName = ".facemask-cache";

    /// <summary>
    /// Full path of a per-file cache file (<see cref="FileName"/>) in the dataset's cache folder
    /// (<see cref="ResolveDirectory"/>), or null when no cache folder is usable.
    /// </summary>
    internal static string? FilePath(string root, string? explicitDirectory, string key, string? preparerId, int version, string extension)
    {
        string? directory = ResolveDirectory(root, explicitDirectory, UserCacheDirectory());
        return directory is null ? null : Path.Combine(directory, FileName(root, key, preparerId, version, extension));
    }

    /// <summary>
    /// The cache folder: <paramref name="explicitDirectory"/> when given; else <c>&lt;root's parent&gt;/.facemask-cache</c>
    /// when the parent's owner-write bit is set and the folder can be created (not a read-only mount); else
    /// <paramref name="userCacheDirectory"/>; null when none of these can be created.
    /// </summary>
    internal static string? ResolveDirectory(string root, string? explicitDirectory, string? userCacheDirectory)
    {
        string fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
        {
            string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(explicitDirectory));
            if (IsSameOrInside(full, fullRoot))
            {
                throw new FaceMaskException($"{full}: the cache folder must not be inside the dataset folder {fullRoot}");
            }

            try
            {
                Directory.CreateDirectory(full);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new FaceMaskException($"{full}: cannot create the cache folder ({ex.Message})", ex);
            }

            return full;
        }

        string? parent = Path.GetDirectoryName(fullRoot);
        if (parent is not null && OwnerWritable(parent))
        {
            string beside = Path.Combine(parent, DirectoryName);
            if (TryCreate(beside) && OwnerWritable(beside))
            {
                return beside;
            }
        }

        if (userCacheDirectory is not null && TryCreate(userCacheDirectory))
        {
            return userCacheDirectory;
        }

        return null;
    }

    /// <summary><c>$XDG_CACHE_HOME/facemask</c>, else <c>~/.cache/facemask</c>; null when there is no home folder.</summary>
    internal static string? UserCacheDirectory()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "facemask");
        }

        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache", "facemask");
    }

    /// <summary>
    /// One file per (root full path, what is cached, preparation step, format version):
    /// <c>&lt;root name&gt;-&lt;root hash&gt;-&lt;key&gt;[-&lt;step&gt;]-v&lt;version&gt;.&lt;extension&gt;</c>, e.g.
    /// <c>images-0123456789abcdef-32px-stretch-v1.fmcache</c> (decoded pixels) or
    /// <c>images-0123456789abcdef-resnet18-&lt;backbone id&gt;-centercrop-v1.fmfeat</c> (backbone features); the whole
    /// images' file has no step in its name (as before steps existed).
    /// </summary>
    internal static string FileName(string root, string key, string? preparerId, int version, string extension)
    {
        string fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        string rootHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fullRoot)))[..16];
        var name = new StringBuilder();
        foreach (char c in Path.GetFileName(fullRoot))
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        return $"{name}-{rootHash}-{key}{StepSuffix(preparerId)}-v{version}.{extension}";
    }

    /// <summary>The resize mode as cache file names spell it: <c>stretch</c> or <c>centercrop</c>.</summary>
    internal static string ResizeName(ResizeMode mode) => mode == ResizeMode.Stretch ? "stretch" : "centercrop";

    /// <summary><c>-&lt;step id&gt;</c> for a file name, or empty for whole images.</summary>
    internal static string StepSuffix(string? preparerId) => string.IsNullOrEmpty(preparerId) ? string.Empty : "-" + preparerId;

    /// <summary>
    /// The 32-bit tag of a preparation step written into a cache file's header (0: whole images, as in files written
    /// before steps existed), so that a file renamed by hand is still not matched against another step.
    /// </summary>
    internal static int StepTag(string? preparerId)
    {
        if (string.IsNullOrEmpty(preparerId))
        {
            return 0;
        }

        int tag = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(preparerId)));
        return tag == 0 ? 1 : tag;
    }

    internal static bool IsSameOrInside(string path, string folder)
    {
        string a = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        string b = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        StringComparison comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return a.Equals(b, comparison) || a.StartsWith(b + Path.DirectorySeparatorChar, comparison) ||
            (b.EndsWith(Path.DirectorySeparatorChar) && a.StartsWith(b, comparison));
    }

    /// <summary>
    /// False when the folder's owner-write bit is clear. Running as root, a folder without write bits is still
    /// writable, but such a folder (a shared, read-only dataset) is meant to be left alone.
    /// </summary>
    private static bool OwnerWritable(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        try
        {
            return (File.GetUnixFileMode(directory) & UnixFileMode.UserWrite) != 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool TryCreate(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
