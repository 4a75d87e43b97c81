using System.Globalization;
using System.Text;
using FaceMask.Calibration;
using FaceMask.Evaluation;
using FaceMask.IO;

namespace FaceMask.Reporting;

/// <summary>Writes <c>report.md</c>: the summary, per-fold table, classification reports and confusion matrices.</summary>
public sealed class MarkdownReportExporter : IExporter<RunArtifacts>
{
    /// <inheritdoc />
    public string Name => "report.md";

    /// <inheritdoc />
    public IReadOnlyList<string> Export(RunArtifacts run, string runDirectory)
    {
        string path = Path.Combine(runDirectory, "report.md");
        AtomicFile.WriteAllText(path, Render(run.Report));
        return [path];
    }

    /// <summary>The markdown text.</summary>
    public static string Render(RunReport r)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"# FaceMask {r.Verb} run\n\n");
        sb.Append(inv, $"- Command: `{r.Command}`\n");
        sb.Append(inv, $"- Started: {r.StartedUtc:yyyy-MM-dd HH:mm:ss} UTC, wall time {r.WallSeconds:0.0} s{(r.Cancelled ? " (stopped early)" : string.Empty)}\n");
        if (r.Data is { } d)
        {
            sb.Append(inv, $"- Data: `{d.Root}` ({d.Counts.Values.Sum()} images, {d.Size}×{d.Size} {d.Resize}, fingerprint `{d.Fingerprint[..Math.Min(12, d.Fingerprint.Length)]}`, {d.Skipped.Count} skipped)\n");
        }

        if (r.Model is { } m)
        {
            sb.Append(inv, $"- Model: {m.Arch}, {m.Epochs} epochs, seed {m.Seed}\n");
            if (m.Calibration is { PriorCorrection: > 0 } c)
            {
                sb.Append(inv, $"- Answers after the model's prior correction (training class shares divided out, strength {c.PriorCorrection:0.###}), as `predict` gives them; predictions.csv holds the corrected probabilities\n");
            }
        }

        sb.Append(inv, $"- Accuracy: **{r.Accuracy * 100:0.00}%**, macro F1 {r.Macro.F1:0.0000}\n\n");

        if (r.Folds is { Count: > 0 } folds && r.Mean is { } mean && r.Sd is { } sd)
        {
            sb.Append("## Folds\n\n| fold | train | test | accuracy | macro P | macro R | macro F1 | weighted F1 | seconds |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            foreach (var f in folds)
            {
                sb.Append(inv, $"| {f.Fold} | {f.TrainCount} | {f.TestCount} | {f.Accuracy * 100:0.00}% | {f.Macro.Precision:0.0000} | {f.Macro.Recall:0.0000} | {f.Macro.F1:0.0000} | {f.Weighted.F1:0.0000} | {f.Seconds:0.0} |\n");
            }

            sb.Append(inv, $"| **mean** | | | **{mean.Accuracy * 100:0.00}%** | {mean.MacroPrecision:0.0000} | {mean.MacroRecall:0.0000} | {mean.MacroF1:0.0000} | {mean.WeightedF1:0.0000} | |\n");
            sb.Append(inv, $"| sd | | | {sd.Accuracy * 100:0.00} | {sd.MacroPrecision:0.0000} | {sd.MacroRecall:0.0000} | {sd.MacroF1:0.0000} | {sd.WeightedF1:0.0000} | |\n\n");
        }

        string testTitle = r.Folds is { Count: > 0 } ? "Test (pooled out-of-fold predictions)" : "Test";
        AppendSection(sb, testTitle, r.Test);
        if (r.Train is { } train)
        {
            AppendSection(sb, r.Folds is { Count: > 0 } ? "Train (last fold's model on its training images)" : "Train", train);
        }

        if (r.Calibration is { } calibration)
        {
            AppendCalibration(sb, calibration);
        }

        if (r.Data is { Skipped.Count: > 0 } data)
        {
            sb.Append("## Skipped files\n\n");
            foreach (var s in data.Skipped)
            {
                sb.Append(inv, $"- `{s.Path}`: {s.Reason}\n");
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static void AppendSection(StringBuilder sb, string title, MetricsSection section)
    {
        var report = ReportFromSection(section);
        sb.Append("## ").Append(title).Append("\n\n```text\n").Append(report.ToText(4)).Append("```\n\nConfusion matrix (rows true, columns predicted):\n\n```text\n")
          .Append(ConfusionMatrixText.Format(report.Confusion)).Append("```\n\n");
    }

    private static void AppendCalibration(StringBuilder sb, CalibrationReport c)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.Append("## Calibration\n\n");
        sb.Append(inv, $"Temperature scaling fitted on the {c.N} test predictions: T = {c.Temperature:0.000}; {CalibrationText.Honesty(c)}.\n\n");
        sb.Append("| | before | after |\n|---|---:|---:|\n");
        sb.Append(inv, $"| ECE (15 bins) | {c.Ece:0.0000} | {c.EceCalibrated:0.0000} |\n");
        sb.Append(inv, $"| NLL | {c.Nll:0.0000} | {c.NllCalibrated:0.0000} |\n");
        sb.Append(inv, $"| Brier | {c.Brier:0.0000} | {c.BrierCalibrated:0.0000} |\n\n");
        string threshold = CalibrationText.Threshold(c);
        sb.Append(char.ToUpperInvariant(threshold[0])).Append(threshold, 1, threshold.Length - 1).Append(".\n\n");
    }

    /// <summary>Rebuilds a report from a section's confusion matrix (every metric follows from it).</summary>
    public static ClassificationReport ReportFromSection(MetricsSection section)
    {
        var truth = new List<int>();
        var pred = new List<int>();
        for (int t = 0; t < section.ConfusionMatrix.Length; t++)
        {
            for (int p = 0; p < section.ConfusionMatrix[t].Length; p++)
            {
                for (int k = 0; k < section.ConfusionMatrix[t][p]; k++)
                {
                    truth.Add(t);
                    pred.Add(p);
                }
            }
        }

        return ClassificationReport.Compute(truth, pred, section.Labels);
    }
}
