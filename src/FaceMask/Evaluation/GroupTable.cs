using FaceMask.IO;

namespace FaceMask.Evaluation;

/// <summary>
/// A per-image value read from a CSV file with a header row, a <c>path</c> column (the image's path
/// relative to the dataset root, with '/' separators) and a named column, such as <c>image_info.csv</c>'s
/// <c>group</c> (the person or source an image comes from, so grouped splits keep it on one side).
/// </summary>
public sealed class GroupTable
{
    /// <summary>The prefix of the group id given to paths the table does not list.</summary>
    public const string SingletonPrefix = "__path:";

    private const string PathColumn = "path";
    private readonly Dictionary<string, string?> _values;

    private GroupTable(string column, Dictionary<string, string?> values)
    {
        Column = column;
        _values = values;
    }

    /// <summary>The name of the column read.</summary>
    public string Column { get; }

    /// <summary>How many paths the table lists.</summary>
    public int Count => _values.Count;

    /// <summary>
    /// The column's value for an image (surrounding spaces removed), or null when the table does not
    /// list the path or its value is empty. '\' separators and a leading "./" in the path are ignored.
    /// </summary>
    public string? this[string relativePath]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(relativePath);
            return _values.TryGetValue(NormalizePath(relativePath), out string? value) ? value : null;
        }
    }

    /// <summary>Reads <paramref name="column"/> of the CSV file <paramref name="csvPath"/>.</summary>
    /// <exception cref="FaceMaskException">
    /// The file is missing or unreadable, has no 'path' column or no such column, has malformed quoting,
    /// a row too short to hold the columns, or lists a path twice with different values. The message names the file.
    /// </exception>
    public static GroupTable Load(string csvPath, string column)
    {
        ArgumentNullException.ThrowIfNull(csvPath);
        ArgumentNullException.ThrowIfNull(column);
        if (!File.Exists(csvPath))
        {
            throw new FaceMaskException($"{csvPath}: the file does not exist.");
        }

        try
        {
            using var reader = new StreamReader(csvPath, detectEncodingFromByteOrderMarks: true);
            return Parse(reader, csvPath, column);
        }
        catch (IOException e)
        {
            throw new FaceMaskException($"{csvPath}: could not be read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new FaceMaskException($"{csvPath}: could not be read: {e.Message}", e);
        }
    }

    /// <summary>Reads <paramref name="column"/> from CSV text; error messages start with <paramref name="sourceName"/>.</summary>
    /// <exception cref="FaceMaskException">As for <see cref="Load"/>.</exception>
    public static GroupTable Parse(TextReader reader, string sourceName, string column)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(column);
        using var table = CsvTable.Open(reader, sourceName, $"expected a header row with a '{PathColumn}' column.", trimNames: true);
        int pathIndex = table.Require(PathColumn);
        int valueIndex = table.Require(column);

        int needed = Math.Max(pathIndex, valueIndex) + 1;
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (table.Read())
        {
            (int line, string[] fields) = (table.Line, table.Fields);
            if (fields.Length < needed)
            {
                throw new FaceMaskException(
                    $"{sourceName}: line {line} has {fields.Length} fields, too few for the '{PathColumn}' and '{column}' columns.");
            }

            string path = NormalizePath(fields[pathIndex]);
            if (path.Length == 0)
            {
                throw new FaceMaskException($"{sourceName}: line {line} has an empty '{PathColumn}'.");
            }

            string value = fields[valueIndex].Trim();
            string? stored = value.Length == 0 ? null : value;
            if (values.TryGetValue(path, out string? previous))
            {
                if (previous != stored)
                {
                    throw new FaceMaskException(
                        $"{sourceName}: line {line} lists '{path}' again with a different '{column}' ('{stored}', before '{previous}').");
                }

                continue;
            }

            values.Add(path, stored);
        }

        return new GroupTable(column, values);
    }

    /// <summary>
    /// The group id of each path: the table's value, or for a path the table does not list (or lists with
    /// an empty value) a group of its own, <c>"__path:" + path</c>; <paramref name="missing"/> counts those.
    /// </summary>
    public string[] Resolve(IReadOnlyList<string> relativePaths, out int missing)
    {
        ArgumentNullException.ThrowIfNull(relativePaths);
        missing = 0;
        var ids = new string[relativePaths.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            string? value = this[relativePaths[i]];
            if (value is null)
            {
                missing++;
                value = SingletonPrefix + NormalizePath(relativePaths[i]);
            }

            ids[i] = value;
        }

        return ids;
    }

    private static string NormalizePath(string path)
    {
        string p = path.Trim().Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p[2..];
        }

        return p;
    }
}
