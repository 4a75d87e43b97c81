using System.Globalization;
using System.Text;
using FaceMask.IO;
using FaceMask.Reporting;

namespace FaceMask.Cleaning;

/// <summary>Writes <c>flagged_labels.csv</c>: <c>path,given,suggested,p_given,p_suggested,fold</c>, one row per image left out of a training set.</summary>
public static class FlaggedLabelsCsv
{
    /// <summary>The file name inside a run folder.</summary>
    public const string FileName = "flagged_labels.csv";

    /// <summary>Writes the rows atomically to <paramref name="path"/>, sorted by fold then path.</summary>
    public static void Write(string path, IReadOnlyList<FlaggedLabel> flagged, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(flagged);
        ArgumentNullException.ThrowIfNull(classes);
        var sb = new StringBuilder("path,given,suggested,p_given,p_suggested,fold\n");
        foreach (var row in flagged.OrderBy(r => r.Fold ?? 0).ThenBy(r => r.Path, StringComparer.Ordinal))
        {
            sb.Append(PredictionsCsvExporter.Csv(row.Path)).Append(',')
              .Append(PredictionsCsvExporter.Csv(classes[row.Given])).Append(',')
              .Append(PredictionsCsvExporter.Csv(classes[row.Suggested])).Append(',')
              .Append(row.GivenProbability.ToString("0.######", CultureInfo.InvariantCulture)).Append(',')
              .Append(row.SuggestedProbability.ToString("0.######", CultureInfo.InvariantCulture)).Append(',')
              .Append(row.Fold?.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        AtomicFile.WriteAllText(path, sb.ToString());
    }
}
