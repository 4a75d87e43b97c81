using System.Globalization;
using FaceMask.IO;
using FaceMask.Protocols;

namespace FaceMask.Reporting;

/// <summary>Reads a run folder's <c>predictions.csv</c> (<c>path,true,pred,p_&lt;class&gt;…[,fold]</c>) back into prediction rows.</summary>
internal static class PredictionsCsvReader
{
    /// <summary>The file name inside a run folder.</summary>
    public const string FileName = "predictions.csv";

    /// <summary>Reads <c>&lt;runDirectory&gt;/predictions.csv</c>; the classes are its <c>p_&lt;class&gt;</c> columns, in order.</summary>
    /// <exception cref="FaceMaskException">The file is missing or malformed; the message names it and the line.</exception>
    public static (IReadOnlyList<string> Labels, IReadOnlyList<PredictionRow> Rows) Read(string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        string path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new FaceMaskException($"{runDirectory}: no {FileName} in the run folder");
        }

        try
        {
            using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            return Parse(reader, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FaceMaskException($"{path}: could not be read: {e.Message}", e);
        }
    }

    /// <summary>Parses predictions CSV text; errors start with <paramref name="sourceName"/>.</summary>
    /// <exception cref="FaceMaskException">The text is malformed.</exception>
    public static (IReadOnlyList<string> Labels, IReadOnlyList<PredictionRow> Rows) Parse(TextReader reader, string sourceName)
    {
        using var table = CsvTable.Open(reader, sourceName);
        string[] header = table.Header;
        if (header.Length < 4 || header[0] != "path" || header[1] != "true" || header[2] != "pred")
        {
            throw new FaceMaskException($"{sourceName}: expected a header 'path,true,pred,p_<class>…', found '{string.Join(",", header)}'");
        }

        int first = 3;
        int last = first;
        while (last < header.Length && header[last].StartsWith("p_", StringComparison.Ordinal))
        {
            last++;
        }

        string[] labels = header[first..last].Select(h => h[2..]).ToArray();
        if (labels.Length == 0)
        {
            throw new FaceMaskException($"{sourceName}: no p_<class> columns in the header");
        }

        int foldIndex = table.IndexOf("fold");
        var index = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var rows = new List<PredictionRow>();
        while (table.Read())
        {
            (int line, string[] f) = (table.Line, table.Fields);
            if (f.Length < last)
            {
                throw new FaceMaskException($"{sourceName}: line {line} has {f.Length} fields, expected at least {last}");
            }

            int truth = f[1].Length == 0 ? -1 : Lookup(f[1], line);
            int pred = Lookup(f[2], line);
            var probabilities = new float[labels.Length];
            for (int c = 0; c < labels.Length; c++)
            {
                if (!float.TryParse(f[first + c], NumberStyles.Float, CultureInfo.InvariantCulture, out probabilities[c]))
                {
                    throw new FaceMaskException($"{sourceName}: line {line}: '{f[first + c]}' is not a probability");
                }
            }

            int? fold = foldIndex >= 0 && foldIndex < f.Length && int.TryParse(f[foldIndex], NumberStyles.Integer, CultureInfo.InvariantCulture, out int k) ? k : null;
            rows.Add(new PredictionRow(f[0], truth, pred, probabilities, fold));
        }

        return (labels, rows);

        int Lookup(string label, int line) => index.TryGetValue(label, out int i)
            ? i
            : throw new FaceMaskException($"{sourceName}: line {line}: unknown class '{label}' (the classes are {string.Join(", ", labels)})");
    }
}
