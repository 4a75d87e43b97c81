using FaceMask.Data;
using FaceMask.Evaluation;
using FaceMask.IO;

namespace FaceMask.Bias;

/// <summary>
/// Group labels of images (such as gender and age), from a CSV file <c>path,&lt;attribute&gt;,&lt;attribute&gt;…</c>
/// with paths relative to the dataset root, or from a folder layout <c>&lt;root&gt;/&lt;attribute&gt;/&lt;group&gt;/&lt;class&gt;/&lt;image&gt;</c>
/// (the original's test categories), where an image's path is its <c>&lt;class&gt;/&lt;image&gt;</c> part. Empty cells
/// mean "unknown": the image is left out of that attribute, never counted as a group of its own.
/// </summary>
public sealed class GroupAttributes
{
    private const string PathColumn = "path";
    private readonly Dictionary<string, string?[]> _rows;

    private GroupAttributes(string source, IReadOnlyList<string> names, Dictionary<string, string?[]> rows, IReadOnlyList<LayoutFolder> folders)
    {
        Source = source;
        Names = names;
        _rows = rows;
        LayoutFolders = folders;
    }

    /// <summary>The CSV file or layout folder read.</summary>
    public string Source { get; }

    /// <summary>The attribute names (CSV columns other than <c>path</c>, or first-level folders).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The <c>&lt;attribute&gt;/&lt;group&gt;</c> folders of a folder layout (empty for a CSV).</summary>
    public IReadOnlyList<LayoutFolder> LayoutFolders { get; }

    /// <summary>True when read from a folder layout.</summary>
    public bool IsFolderLayout => LayoutFolders.Count > 0;

    /// <summary>How many distinct paths the source lists.</summary>
    public int Count => _rows.Count;

    /// <summary>The group of <paramref name="relativePath"/> for <paramref name="attribute"/>, or null when unknown or unlisted.</summary>
    public string? Group(string attribute, string relativePath)
    {
        int a = IndexOf(attribute);
        return _rows.TryGetValue(NormalizePath(relativePath), out string?[]? values) ? values[a] : null;
    }

    /// <summary>Reads a CSV file, or a folder layout when <paramref name="path"/> is a directory.</summary>
    /// <param name="path">The CSV file or layout root.</param>
    /// <param name="columns">The attributes to keep (null: all of them).</param>
    /// <exception cref="FaceMaskException">The source is missing or malformed; the message names it.</exception>
    public static GroupAttributes Load(string path, IReadOnlyList<string>? columns = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Directory.Exists(path) ? FromFolderLayout(path, columns) : LoadCsv(path, columns);
    }

    /// <summary>Reads a CSV file with a header row, a <c>path</c> column and one column per attribute.</summary>
    /// <exception cref="FaceMaskException">
    /// The file is missing or unreadable, has no <c>path</c> column, no attribute column, a requested column is absent,
    /// a row is too short or has an empty path, or a path is listed twice with different values.
    /// </exception>
    public static GroupAttributes LoadCsv(string csvPath, IReadOnlyList<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(csvPath);
        if (!File.Exists(csvPath))
        {
            throw new FaceMaskException($"{csvPath}: the attributes file does not exist.");
        }

        try
        {
            using var reader = new StreamReader(csvPath, detectEncodingFromByteOrderMarks: true);
            return ParseCsv(reader, Path.GetFullPath(csvPath), columns);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FaceMaskException($"{csvPath}: could not be read: {e.Message}", e);
        }
    }

    /// <summary>Reads attribute CSV text; error messages start with <paramref name="sourceName"/>.</summary>
    /// <exception cref="FaceMaskException">As for <see cref="LoadCsv"/>.</exception>
    public static GroupAttributes ParseCsv(TextReader reader, string sourceName, IReadOnlyList<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        using var table = CsvTable.Open(reader, sourceName, "expected a header row 'path,<attribute>,…'.", trimNames: true);
        string[] header = table.Header;
        string listed = table.Columns;
        int pathIndex = table.Require(PathColumn);

        int[] picked;
        if (columns is { Count: > 0 })
        {
            picked = columns.Select(c =>
            {
                int i = table.IndexOf(c);
                return i < 0 || i == pathIndex
                    ? throw new FaceMaskException($"{sourceName}: there is no attribute column '{c}'; the columns are {listed}.")
                    : i;
            }).Distinct().ToArray();
        }
        else
        {
            picked = Enumerable.Range(0, header.Length).Where(i => i != pathIndex && header[i].Length > 0).ToArray();
        }

        if (picked.Length == 0)
        {
            throw new FaceMaskException($"{sourceName}: there is no attribute column besides '{PathColumn}'; the columns are {listed}.");
        }

        string[] names = picked.Select(i => header[i]).ToArray();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            throw new FaceMaskException($"{sourceName}: an attribute column name appears twice in {listed}.");
        }

        int needed = Math.Max(pathIndex, picked.Max()) + 1;
        var rows = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        while (table.Read())
        {
            (int line, string[] fields) = (table.Line, table.Fields);
            if (fields.Length < needed)
            {
                throw new FaceMaskException($"{sourceName}: line {line} has {fields.Length} fields; {needed} are needed for the '{PathColumn}' and attribute columns.");
            }

            string path = NormalizePath(fields[pathIndex]);
            if (path.Length == 0)
            {
                throw new FaceMaskException($"{sourceName}: line {line} has an empty '{PathColumn}'.");
            }

            var values = new string?[picked.Length];
            for (int a = 0; a < picked.Length; a++)
            {
                string v = fields[picked[a]].Trim();
                values[a] = v.Length == 0 ? null : v;
            }

            if (rows.TryGetValue(path, out string?[]? previous))
            {
                for (int a = 0; a < values.Length; a++)
                {
                    if (previous[a] != values[a])
                    {
                        throw new FaceMaskException(
                            $"{sourceName}: line {line} lists '{path}' again with a different '{names[a]}' ('{values[a]}', before '{previous[a]}').");
                    }
                }

                continue;
            }

            rows.Add(path, values);
        }

        return new GroupAttributes(sourceName, names, rows, []);
    }

    /// <summary>
    /// Reads a folder layout <c>&lt;root&gt;/&lt;attribute&gt;/&lt;group&gt;/&lt;class&gt;/&lt;image&gt;</c>. An image's path is its
    /// <c>&lt;class&gt;/&lt;image&gt;</c> part, so the same file name under two attributes (e.g. <c>gender/male/cloth/a.jpg</c> and
    /// <c>age/old/cloth/a.jpg</c>) is one image with both labels, and the layout can label a dataset's images.
    /// </summary>
    /// <exception cref="FaceMaskException">The folder has no attribute or group folders, a group folder is not a dataset, or one image is in two groups of an attribute.</exception>
    public static GroupAttributes FromFolderLayout(string root, IReadOnlyList<string>? attributes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (!Directory.Exists(full))
        {
            throw new FaceMaskException($"{full}: the attribute folder does not exist.");
        }

        string[] names = Subfolders(full);
        if (attributes is { Count: > 0 })
        {
            foreach (string a in attributes)
            {
                if (!names.Contains(a, StringComparer.Ordinal))
                {
                    throw new FaceMaskException($"{full}: there is no attribute folder '{a}'; the attributes are {string.Join(", ", names.Select(x => $"'{x}'"))}.");
                }
            }

            names = attributes.Distinct(StringComparer.Ordinal).ToArray();
        }

        if (names.Length == 0)
        {
            throw new FaceMaskException($"{full}: no attribute folders; expected {full}/<attribute>/<group>/<class>/<image>.");
        }

        var rows = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        var origin = new Dictionary<(int, string), string>();
        var folders = new List<LayoutFolder>();
        for (int a = 0; a < names.Length; a++)
        {
            string attributeDir = Path.Combine(full, names[a]);
            string[] groups = Subfolders(attributeDir);
            if (groups.Length == 0)
            {
                throw new FaceMaskException($"{attributeDir}: no group folders; expected {attributeDir}/<group>/<class>/<image>.");
            }

            foreach (string group in groups)
            {
                string groupDir = Path.Combine(attributeDir, group);
                folders.Add(new LayoutFolder(names[a], group, groupDir));
                ImageFolder folder = ImageFolder.Discover(groupDir);
                foreach (string relative in folder.Entries.Select(e => e.RelativePath).Concat(folder.Skipped.Select(s => s.Path)))
                {
                    if (!rows.TryGetValue(relative, out string?[]? values))
                    {
                        values = new string?[names.Length];
                        rows.Add(relative, values);
                    }

                    if (values[a] is { } other && other != group)
                    {
                        throw new FaceMaskException(
                            $"{full}: '{relative}' is in two groups of '{names[a]}': {origin[(a, relative)]} and {names[a]}/{group}/{relative}.");
                    }

                    values[a] = group;
                    origin[(a, relative)] = $"{names[a]}/{group}/{relative}";
                }
            }
        }

        return new GroupAttributes(full, names, rows, folders);
    }

    /// <summary>Matches the source against <paramref name="imagePaths"/> (relative to the dataset root).</summary>
    public AttributeMatch Match(IReadOnlyList<string> imagePaths)
    {
        ArgumentNullException.ThrowIfNull(imagePaths);
        var assignments = Names.Select(_ => new string?[imagePaths.Count]).ToArray();
        var empty = new int[Names.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var withoutRow = new List<string>();
        for (int i = 0; i < imagePaths.Count; i++)
        {
            string path = NormalizePath(imagePaths[i]);
            if (!_rows.TryGetValue(path, out string?[]? values))
            {
                withoutRow.Add(imagePaths[i]);
                continue;
            }

            seen.Add(path);
            for (int a = 0; a < values.Length; a++)
            {
                assignments[a][i] = values[a];
                if (values[a] is null)
                {
                    empty[a]++;
                }
            }
        }

        return new AttributeMatch
        {
            Images = imagePaths,
            Attributes = Names.Select((name, a) => new GroupAssignment(name, assignments[a])).ToArray(),
            UnmatchedPaths = _rows.Keys.Where(p => !seen.Contains(p)).Order(StringComparer.Ordinal).ToArray(),
            ImagesWithoutRow = withoutRow.Order(StringComparer.Ordinal).ToArray(),
            EmptyCells = Names.Select((name, a) => (name, a)).ToDictionary(x => x.name, x => empty[x.a], StringComparer.Ordinal),
        };
    }

    /// <summary>Trims, turns '\' into '/' and drops leading "./" (paths are otherwise compared exactly).</summary>
    internal static string NormalizePath(string path)
    {
        string p = path.Trim().Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p[2..];
        }

        return p;
    }

    private int IndexOf(string attribute)
    {
        for (int i = 0; i < Names.Count; i++)
        {
            if (Names[i] == attribute)
            {
                return i;
            }
        }

        throw new FaceMaskException($"{Source}: there is no attribute '{attribute}'; the attributes are {string.Join(", ", Names.Select(n => $"'{n}'"))}.");
    }

    private static string[] Subfolders(string dir)
    {
        try
        {
            return Directory.EnumerateDirectories(dir)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(n => n.Length > 0 && n[0] != '.')
                .Order(StringComparer.Ordinal)
                .ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FaceMaskException($"{dir}: cannot list the folder ({ex.Message})", ex);
        }
    }
}
