using System.Globalization;
using System.Text;
using FaceMask.Evaluation;
using FaceMask.IO;

namespace FaceMask.Bias;

/// <summary>Writes <c>bias.md</c>: per-group tables with intervals, gaps with a plain verdict, equalised odds and per-group reports.</summary>
public sealed class BiasMarkdownExporter : IExporter<BiasReport>
{
    /// <summary>The file name.</summary>
    public const string FileName = "bias.md";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] Metrics = ["accuracy", "macro_precision", "macro_recall", "macro_f1"];

    /// <inheritdoc />
    public string Name => FileName;

    /// <inheritdoc />
    public IReadOnlyList<string> Export(BiasReport report, string runDirectory)
    {
        string path = Path.Combine(runDirectory, FileName);
        AtomicFile.WriteAllText(path, Render(report));
        return [path];
    }

    /// <summary>The markdown text.</summary>
    public static string Render(BiasReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var sb = new StringBuilder();
        sb.Append("# Bias analysis\n\n");
        if (r.Command is { } command)
        {
            sb.Append(Inv, $"- Command: `{command}`\n");
        }

        sb.Append(Inv, $"- Predictions: {r.Predictions ?? "given"}, {r.Overall.Count} images, classes {string.Join(", ", r.Labels)}\n");
        if (r.Model is { } model)
        {
            sb.Append(Inv, $"- Model: `{model}`\n");
        }

        if (r.Coverage is { } c)
        {
            sb.Append(Inv, $"- Attributes: `{c.Source}` ({c.Rows} rows); {c.UnmatchedPathCount} path(s) match no image; {c.ImagesWithoutRowCount} of {c.Images} images have no row\n");
            foreach (var (attribute, empty) in c.EmptyCells)
            {
                if (empty > 0)
                {
                    sb.Append(Inv, $"  - {attribute}: {empty} listed image(s) with an empty cell (unknown, left out)\n");
                }
            }
        }

        var s = r.Settings;
        sb.Append(Inv, $"- Intervals: {s.Confidence * 100:0.#}% percentile bootstrap, {s.Bootstrap} replicates, seed {s.Seed}, images resampled within their group. Groups under {s.MinGroupSize} images are flagged.\n");
        sb.Append("- Gaps are between the groups that score highest and lowest on the full data; an interval that includes 0 means the data cannot tell the two groups apart.\n\n");

        if (r.Warnings.Count > 0)
        {
            sb.Append("## Warnings\n\n");
            foreach (string w in r.Warnings)
            {
                sb.Append("- ").Append(w).Append('\n');
            }

            sb.Append('\n');
        }

        sb.Append("## Overall\n\n");
        sb.Append("| images | accuracy | macro precision | macro recall | macro F1 |\n|---:|---:|---:|---:|---:|\n");
        AppendMetricsRow(sb, null, r.Overall);
        sb.Append('\n');

        foreach (var a in r.Attributes)
        {
            AppendAttribute(sb, a, r.Labels);
        }

        return sb.ToString();
    }

    private static void AppendAttribute(StringBuilder sb, BiasAttributeResult a, IReadOnlyList<string> labels)
    {
        sb.Append(Inv, $"## {a.Name}\n\n");
        sb.Append(Inv, $"{a.Labelled} images with a known {a.Name}; {a.Unknown} unknown (counted only in the overall figures).\n\n");
        sb.Append(Inv, $"![{a.Name}: accuracy by group]({BiasPlotExporter.FileNameFor(a.Name)})\n\n");
        foreach (string w in a.Warnings)
        {
            sb.Append("> ⚠ ").Append(w).Append("\n\n");
        }

        if (a.Groups.Count == 0)
        {
            return;
        }

        sb.Append("| group | images | accuracy | macro precision | macro recall | macro F1 |\n|---|---:|---:|---:|---:|---:|\n");
        foreach (var g in a.Groups)
        {
            AppendMetricsRow(sb, g.Name + (g.Small ? " ⚠" : string.Empty), g);
        }

        sb.Append("\nDifference to overall (group − overall, percentage points):\n\n");
        sb.Append("| group | accuracy | macro precision | macro recall | macro F1 |\n|---|---:|---:|---:|---:|\n");
        foreach (var g in a.Groups)
        {
            sb.Append("| ").Append(g.Name);
            foreach (string m in Metrics)
            {
                sb.Append(" | ").Append(g.DifferenceToOverall.TryGetValue(m, out var d) ? BiasText.Points(d) : string.Empty);
            }

            sb.Append(" |\n");
        }

        sb.Append("\nRecall per class (support in brackets):\n\n| group |");
        foreach (string l in labels)
        {
            sb.Append(' ').Append(l).Append(" |");
        }

        sb.Append("\n|---|").Append(string.Concat(Enumerable.Repeat("---:|", labels.Count))).Append('\n');
        foreach (var g in a.Groups)
        {
            sb.Append("| ").Append(g.Name).Append(" |");
            foreach (var cr in g.PerClassRecall)
            {
                sb.Append(' ').Append(cr.Support == 0 ? "– (0)" : BiasText.Decimal(new BiasEstimate(cr.Value, cr.Low, cr.High)) + string.Create(Inv, $" ({cr.Support})")).Append(" |");
            }

            sb.Append('\n');
        }

        sb.Append('\n');
        if (a.Gaps.Count > 0)
        {
            sb.Append(Inv, $"### Gaps in {a.Name}\n\n");
            sb.Append("| metric | highest | lowest | difference (max − min) | ratio (min / max) | verdict |\n|---|---|---|---:|---:|---|\n");
            foreach (var gap in a.Gaps)
            {
                AppendGapRow(sb, gap.Metric, gap);
            }

            sb.Append('\n');
        }

        AppendOdds(sb, a);
        sb.Append(Inv, $"### Classification reports by {a.Name}\n\n");
        foreach (var g in a.Groups)
        {
            sb.Append(Inv, $"#### {a.Name} = {g.Name} ({g.Count} images)\n\n```text\n").Append(g.ReportText).Append("```\n\n");
            var cm = ConfusionMatrix.FromCounts(g.Report.ConfusionMatrix.Select(row => (IReadOnlyList<int>)row).ToArray(), g.Report.Labels);
            sb.Append("Confusion matrix (rows true, columns predicted):\n\n```text\n").Append(ConfusionMatrixText.Format(cm)).Append("```\n\n");
        }
    }

    private static void AppendOdds(StringBuilder sb, BiasAttributeResult a)
    {
        var odds = a.EqualizedOdds;
        if (odds.PerClass.All(c => c.TprGap is null && c.FprGap is null))
        {
            return;
        }

        sb.Append(Inv, $"### Equalised odds by {a.Name} (each class one-vs-rest)\n\n");
        sb.Append("| class | TPR by group | TPR gap | FPR by group | FPR gap |\n|---|---|---:|---|---:|\n");
        foreach (var c in odds.PerClass)
        {
            sb.Append(Inv, $"| {c.Label} | {Rates(c.Tpr)} | {(c.TprGap is { } t ? BiasText.Points(t.Difference) + (t.Small ? " (small)" : string.Empty) : "–")} | {Rates(c.Fpr)} | {(c.FprGap is { } f ? BiasText.Points(f.Difference) + (f.Small ? " (small)" : string.Empty) : "–")} |\n");
        }

        if (odds.Worst is { } w)
        {
            sb.Append(Inv, $"\nWorst case: the {odds.WorstRate?.ToUpperInvariant()} of {odds.WorstClass}, {w.HighGroup} {w.HighValue:0.000} vs {w.LowGroup} {w.LowValue:0.000}: {BiasText.Points(w.Difference)} — {BiasText.Verdict(w)}.\n");
        }

        sb.Append('\n');
    }

    private static string Rates(IReadOnlyDictionary<string, double> rates) =>
        string.Join(", ", rates.Select(kv => string.Create(Inv, $"{kv.Key} {kv.Value:0.000}")));

    private static void AppendGapRow(StringBuilder sb, string metric, BiasGap gap)
    {
        sb.Append(Inv, $"| {metric} | {gap.HighGroup} {gap.HighValue:0.0000} | {gap.LowGroup} {gap.LowValue:0.0000} | {BiasText.Points(gap.Difference)} | {BiasText.Ratio(gap.Ratio)} | {BiasText.Verdict(gap)} |\n");
    }

    private static void AppendMetricsRow(StringBuilder sb, string? name, BiasGroupResult g)
    {
        sb.Append('|');
        if (name is not null)
        {
            sb.Append(' ').Append(name).Append(" |");
        }

        sb.Append(Inv, $" {g.Count} |");
        foreach (string m in Metrics)
        {
            var e = g.Metrics[m];
            sb.Append(' ').Append(m == "accuracy" ? BiasText.Percent(e) : BiasText.Decimal(e)).Append(" |");
        }

        sb.Append('\n');
    }
}
