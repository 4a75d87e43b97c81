using System.Globalization;
using FaceMask.Evaluation;
using FaceMask.Protocols;

namespace FaceMask.Reporting;

/// <summary>Reads a run folder's <c>predictions.csv</c> (<c>path,true,pred,p_&lt;class&gt;…[,fold]</c>) back into prediction rows.</summary>
public static class PredictionsCsvReader
{
    /// <summary>The file name inside a run folder.</summary>
    public const string FileName = "predictions.csv";

    /// <summary>
    /// Reads <paramref name="path"/>; class names are mapped to indices of <paramref name="labels"/> (an empty
    /// <c>true</c> becomes -1). Probability columns are matched by name, so their order may differ from the labels'.
    /// </summary>
    /// <exception cref="FaceMaskException">The file is missing, unreadable or malformed; the message names the file and line.</exception>
    public static IReadOnlyList<PredictionRow> Read(string path, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(labels);
        if (!File.Exists(path))
        {
            throw new FaceMaskException($"{path}: the file does not exist");
        }

        try
        {
            using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            return Parse(reader, path, labels);
        }
        catch (IOException ex)
        {
            throw new FaceMaskException($"{path}: could not be read: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new FaceMaskException($"{path}: could not be read: {ex.Message}", ex);
        }
    }

    /// <summary>Parses CSV text; error messages start with <paramref name="sourceName"/>.</summary>
    /// <exception cref="FaceMaskException">The header lacks a column or a row is malformed.</exception>
    public static IReadOnlyList<PredictionRow> Parse(TextReader reader, string sourceName, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(labels);
        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < labels.Count; i++)
        {
            classIndex[labels[i]] = i;
        }

        using var records = CsvReader.ReadRecords(reader, sourceName).GetEnumerator();
        if (!records.MoveNext())
        {
            return [];
        }

        string[] header = records.Current.Fields;
        int pathColumn = Column(header, "path", sourceName);
        int trueColumn = Column(header, "true", sourceName);
        int predColumn = Column(header, "pred", sourceName);
        int foldColumn = Array.IndexOf(header, "fold");
        var probColumns = new int[labels.Count];
        for (int c = 0; c < labels.Count; c++)
        {
            probColumns[c] = Column(header, "p_" + labels[c], sourceName);
        }

        var rows = new List<PredictionRow>();
        while (records.MoveNext())
        {
            (int line, string[] fields) = records.Current;
            if (fields.Length < header.Length)
            {
                throw new FaceMaskException($"{sourceName}: line {line} has {fields.Length} fields; the header has {header.Length}");
            }

            int truth = fields[trueColumn].Length == 0 ? -1 : Label(fields[trueColumn], classIndex, sourceName, line);
            int predicted = Label(fields[predColumn], classIndex, sourceName, line);
            var probabilities = new float[labels.Count];
            for (int c = 0; c < labels.Count; c++)
            {
                if (!float.TryParse(fields[probColumns[c]], NumberStyles.Float, CultureInfo.InvariantCulture, out probabilities[c]))
                {
                    throw new FaceMaskException($"{sourceName}: line {line}: '{fields[probColumns[c]]}' in column p_{labels[c]} is not a number");
                }
            }

            int? fold = null;
            if (foldColumn >= 0 && fields[foldColumn].Length > 0)
            {
                if (!int.TryParse(fields[foldColumn], NumberStyles.Integer, CultureInfo.InvariantCulture, out int f))
                {
                    throw new FaceMaskException($"{sourceName}: line {line}: fold '{fields[foldColumn]}' is not a whole number");
                }

                fold = f;
            }

            rows.Add(new PredictionRow(fields[pathColumn], truth, predicted, probabilities, fold));
        }

        return rows;
    }

    private static int Column(string[] header, string name, string source)
    {
        int index = Array.IndexOf(header, name);
        return index >= 0
            ? index
            : throw new FaceMaskException($"{source}: there is no '{name}' column; the columns are {string.Join(", ", header)}");
    }

    private static int Label(string name, Dictionary<string, int> classIndex, string source, int line) =>
        classIndex.TryGetValue(name, out int index)
            ? index
            : throw new FaceMaskException($"{source}: line {line}: '{name}' is not one of the run's classes");
}
