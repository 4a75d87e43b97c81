using System.Globalization;
using System.Text;
using FaceMask.IO;

namespace FaceMask.Reporting;

/// <summary>Writes <c>predictions.csv</c>: <c>path,true,pred,p_&lt;class&gt;…</c> and, for k-fold, a final <c>fold</c> column.</summary>
public sealed class PredictionsCsvExporter : IExporter<RunArtifacts>
{
    /// <inheritdoc />
    public string Name => "predictions.csv";

    /// <inheritdoc />
    public IReadOnlyList<string> Export(RunArtifacts run, string runDirectory)
    {
        var labels = run.Report.Labels;
        bool folds = run.Predictions.Any(p => p.Fold is not null);
        var sb = new StringBuilder();
        sb.Append("path,true,pred");
        foreach (string label in labels)
        {
            sb.Append(",p_").Append(Csv(label));
        }

        sb.Append(folds ? ",fold\n" : "\n");
        foreach (var p in run.Predictions)
        {
            sb.Append(Csv(p.Path)).Append(',')
              .Append(p.Truth >= 0 ? Csv(labels[p.Truth]) : string.Empty).Append(',')
              .Append(Csv(labels[p.Predicted]));
            foreach (float prob in p.Probabilities)
            {
                sb.Append(',').Append(prob.ToString("0.######", CultureInfo.InvariantCulture));
            }

            if (folds)
            {
                sb.Append(',').Append(p.Fold?.ToString(CultureInfo.InvariantCulture));
            }

            sb.Append('\n');
        }

        string path = Path.Combine(runDirectory, "predictions.csv");
        AtomicFile.WriteAllText(path, sb.ToString());
        return [path];
    }

    /// <summary>Quotes a CSV field when it needs it.</summary>
    public static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
