using System.IO.Enumeration;

namespace FaceMask.Data;

/// <summary>
/// A dataset laid out as <c>&lt;root&gt;/&lt;class&gt;/&lt;image&gt;</c>: each sub-folder of the root is a class
/// and holds that class's images (nested folders inside a class folder are searched too).
/// </summary>
public sealed class ImageFolder
{
    /// <summary>File extensions (lower case, with the dot) that are treated as images; other files are ignored.</summary>
    public static readonly IReadOnlyList<string> ImageExtensions = [".jpg", ".jpeg", ".png", ".bmp", ".webp", ".gif"];

    private ImageFolder(string root, IReadOnlyList<string> classes, IReadOnlyList<ImageEntry> entries, IReadOnlyList<SkippedFile> skipped)
    {
        Root = root;
        Classes = classes;
        Entries = entries;
        Skipped = skipped;
    }

    /// <summary>Full path of the dataset root.</summary>
    public string Root { get; }

    /// <summary>Class names (the sub-folder names), sorted with <see cref="StringComparer.Ordinal"/>; a label is an index into this list.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>The image files, sorted ordinally by <see cref="ImageEntry.RelativePath"/>.</summary>
    public IReadOnlyList<ImageEntry> Entries { get; }

    /// <summary>Image files left out during discovery (zero-byte files).</summary>
    public IReadOnlyList<SkippedFile> Skipped { get; }

    /// <summary>Finds the classes and image files under <paramref name="root"/>.</summary>
    /// <remarks>
    /// Hidden folders and files (names starting with '.') are ignored, as are files whose extension is not in
    /// <see cref="ImageExtensions"/> (compared case-insensitively). Nothing is decoded here.
    /// </remarks>
    /// <exception cref="FaceMaskException">
    /// The folder does not exist, has no class sub-folders, or a class folder holds no image files.
    /// </exception>
    public static ImageFolder Discover(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (!Directory.Exists(full))
        {
            throw new FaceMaskException(File.Exists(full)
                ? $"{full}: is a file; expected a dataset folder laid out as <root>/<class>/<image>"
                : $"{full}: dataset folder does not exist");
        }

        var options = new EnumerationOptions
        {
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            IgnoreInaccessible = true,
            RecurseSubdirectories = false,
        };

        string[] classes;
        try
        {
            classes = Directory.EnumerateDirectories(full, "*", options)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(n => n.Length > 0 && n[0] != '.')
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FaceMaskException($"{full}: cannot list the dataset folder ({ex.Message})", ex);
        }

        if (classes.Length == 0)
        {
            throw new FaceMaskException($"{full} has no class sub-folders; expected {full}/<class>/<image>");
        }

        var entries = new List<ImageEntry>();
        var skipped = new List<SkippedFile>();
        for (int label = 0; label < classes.Length; label++)
        {
            string classDir = Path.Combine(full, classes[label]);
            int before = entries.Count + skipped.Count;
            foreach (FoundFile file in EnumerateImages(classDir))
            {
                string relative = classes[label] + "/" + file.RelativePath;
                if (file.LinkProblem is not null)
                {
                    skipped.Add(new SkippedFile(relative, file.LinkProblem) { Problem = ImageProblem.Unreadable });
                }
                else if (file.Length == 0)
                {
                    skipped.Add(new SkippedFile(relative, ImageDecoder.EmptyReason) { Problem = ImageProblem.Empty });
                }
                else
                {
                    entries.Add(new ImageEntry(relative, label, file.Length, file.LastWriteUtc));
                }
            }

            if (entries.Count + skipped.Count == before)
            {
                throw new FaceMaskException(
                    $"{classDir}: class folder '{classes[label]}' holds no images (expected {string.Join(", ", ImageExtensions)} files)");
            }
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        skipped.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new ImageFolder(full, classes, entries.AsReadOnly(), skipped.AsReadOnly());
    }

    /// <summary>Number of entries per class, indexed by label.</summary>
    public int[] CountPerClass()
    {
        var counts = new int[Classes.Count];
        foreach (ImageEntry entry in Entries)
        {
            counts[entry.Label]++;
        }

        return counts;
    }

    /// <summary>Whether <paramref name="fileName"/> has one of the <see cref="ImageExtensions"/>.</summary>
    internal static bool HasImageExtension(ReadOnlySpan<char> fileName)
    {
        ReadOnlySpan<char> ext = Path.GetExtension(fileName);
        foreach (string candidate in ImageExtensions)
        {
            if (ext.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static List<FoundFile> EnumerateImages(string classDir)
    {
        var options = new EnumerationOptions
        {
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            IgnoreInaccessible = true,
            RecurseSubdirectories = true,
            ReturnSpecialDirectories = false,
        };

        var enumerable = new FileSystemEnumerable<FoundFile>(classDir, ToFoundFile, options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry e) =>
                !e.IsDirectory && e.FileName.Length > 0 && e.FileName[0] != '.' && HasImageExtension(e.FileName),
            ShouldRecursePredicate = (ref FileSystemEntry e) => e.FileName.Length > 0 && e.FileName[0] != '.',
        };

        try
        {
            return enumerable.ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FaceMaskException($"{classDir}: cannot list the class folder ({ex.Message})", ex);
        }
    }

    private static FoundFile ToFoundFile(ref FileSystemEntry e)
    {
        string fullPath = e.ToFullPath();
        string relative = Path.GetRelativePath(e.RootDirectory.ToString(), fullPath).Replace('\\', '/');
        if ((e.Attributes & FileAttributes.ReparsePoint) == 0)
        {
            return new FoundFile(relative, e.Length, e.LastWriteTimeUtc.UtcDateTime, null);
        }

        // A symbolic link: the cache must notice changes of the target, so report the target's size and time.
        try
        {
            FileSystemInfo? target = File.ResolveLinkTarget(fullPath, returnFinalTarget: true);
            if (target is FileInfo { Exists: true } file)
            {
                return new FoundFile(relative, file.Length, file.LastWriteTimeUtc, null);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new FoundFile(relative, 0, default, "cannot follow symbolic link (" + ex.Message + ")");
        }

        return new FoundFile(relative, 0, default, "broken symbolic link");
    }

    private readonly record struct FoundFile(string RelativePath, long Length, DateTime LastWriteUtc, string? LinkProblem);
}
