using System.Globalization;
using System.Text;
using FaceMask.Bias;
using FaceMask.Reporting;

namespace FaceMask.Comparison;

/// <summary>Renders a <see cref="ComparisonReport"/> as <c>compare.md</c>.</summary>
internal static class ComparisonMarkdown
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The markdown text.</summary>
    public static string Render(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var runs = report.Runs;
        var sb = new StringBuilder("# Run comparison\n\n");
        sb.Append("| | run | verb | images | balanced by | changes judged by |\n|---|---|---|---:|---|---|\n");
        for (int i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            sb.Append(Inv, $"| {Letter(i)} | `{r.Name}` | {r.Verb} | {r.Images} | {r.BalancedBy ?? "–"} | {(i == 0 ? "baseline" : r.Method)} |\n");
        }

        AppendAtAGlance(sb, report);
        sb.Append(Inv, $"\nIntervals: {report.Confidence * 100:0.#}%, {report.Bootstrap} bootstrap replicates, seed {report.Seed}. A change whose interval includes 0 is not larger than the noise.\n\n");
        sb.Append("## Overall\n\n| Metric |");
        for (int i = 0; i < runs.Count; i++)
        {
            sb.Append(' ').Append(Header(i, runs.Count)).Append(" |");
        }

        for (int i = 1; i < runs.Count; i++)
        {
            sb.Append(Inv, $" {Letter(i)} − A |");
        }

        sb.Append("\n|---|").Append(string.Concat(Enumerable.Repeat("---:|", (2 * runs.Count) - 1))).Append('\n');
        foreach (var m in report.Metrics)
        {
            sb.Append("| ").Append(Pretty(m.Metric)).Append(" |");
            foreach (double? v in m.Values)
            {
                sb.Append(' ').Append(v is { } x ? (m.Metric == "accuracy" ? (x * 100).ToString("0.00", Inv) + "%" : x.ToString("0.0000", Inv)) : "–").Append(" |");
            }

            for (int i = 1; i < runs.Count; i++)
            {
                sb.Append(' ').Append(Change(m.Changes[i])).Append(" |");
            }

            sb.Append('\n');
        }

        if (report.Groups.Count > 0)
        {
            sb.Append("\n## Accuracy by group\n\n| attribute | group |");
            for (int i = 0; i < runs.Count; i++)
            {
                sb.Append(' ').Append(Letter(i)).Append(" |");
            }

            for (int i = 1; i < runs.Count; i++)
            {
                sb.Append(Inv, $" {Letter(i)} − A |");
            }

            sb.Append("\n|---|---|").Append(string.Concat(Enumerable.Repeat("---:|", (2 * runs.Count) - 1))).Append('\n');
            foreach (var g in report.Groups)
            {
                sb.Append(Inv, $"| {g.Attribute} | {g.Group} |");
                for (int i = 0; i < runs.Count; i++)
                {
                    sb.Append(' ').Append(g.Accuracy[i] is { } e ? BiasText.Percent(e) + string.Create(Inv, $" (n={g.Counts[i]})") : "–").Append(" |");
                }

                for (int i = 1; i < runs.Count; i++)
                {
                    sb.Append(' ').Append(Change(g.Changes[i])).Append(" |");
                }

                sb.Append('\n');
            }
        }

        if (report.Gaps.Count > 0)
        {
            sb.Append("\n## Gaps (highest − lowest group)\n\n| attribute | metric |");
            for (int i = 0; i < runs.Count; i++)
            {
                sb.Append(' ').Append(Letter(i)).Append(" |");
            }

            for (int i = 1; i < runs.Count; i++)
            {
                sb.Append(Inv, $" {Letter(i)} − A |");
            }

            sb.Append("\n|---|---|").Append(string.Concat(Enumerable.Repeat("---|", (2 * runs.Count) - 1))).Append('\n');
            foreach (var g in report.Gaps)
            {
                sb.Append(Inv, $"| {g.Attribute} | {Pretty(g.Metric)} |");
                foreach (var gap in g.Gaps)
                {
                    sb.Append(' ').Append(gap is null ? "–" : $"{BiasText.Points(gap.Difference)} ({gap.HighGroup} vs {gap.LowGroup}{(gap.Small ? ", small" : string.Empty)})").Append(" |");
                }

                for (int i = 1; i < runs.Count; i++)
                {
                    sb.Append(' ').Append(Change(g.Changes[i])).Append(" |");
                }

                sb.Append('\n');
            }
        }

        if (report.Notes.Count > 0)
        {
            sb.Append("\n## Notes\n\n");
            foreach (string n in report.Notes)
            {
                sb.Append("- ").Append(n).Append('\n');
            }
        }

        return sb.ToString();
    }

    // One row per run: architecture, protocol, pooled and per-fold accuracy, macro-F1, F1 of every class, wall time.
    private static void AppendAtAGlance(StringBuilder sb, ComparisonReport report)
    {
        var runs = report.Runs;
        var accuracies = report.Metrics.FirstOrDefault(m => m.Metric == "accuracy")?.Values;
        var macroF1s = report.Metrics.FirstOrDefault(m => m.Metric == "macro_f1")?.Values;
        var labels = runs.SelectMany(r => r.PerClass.Select(c => c.Label)).Distinct(StringComparer.Ordinal).ToList();
        sb.Append("\n## Runs at a glance\n\n| | arch | protocol | accuracy | fold accuracy (mean ± sd) | macro-F1 |");
        foreach (string label in labels)
        {
            sb.Append(" F1 ").Append(label).Append(" |");
        }

        sb.Append(" wall time |\n|---|---|---|").Append(string.Concat(Enumerable.Repeat("---:|", 4 + labels.Count))).Append('\n');
        for (int i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            sb.Append(Inv, $"| {Letter(i)} | {r.Arch ?? "–"} | {r.Protocol ?? r.Verb ?? "–"} | {Percent(accuracies?[i])} | ");
            sb.Append(r.FoldAccuracy is { } mean ? string.Create(Inv, $"{mean * 100:0.00} ± {(r.FoldAccuracySd ?? 0) * 100:0.00}") : "–").Append(" | ");
            sb.Append(macroF1s?[i] is { } f ? f.ToString("0.000", Inv) : "–").Append(" |");
            foreach (string label in labels)
            {
                var c = r.PerClass.FirstOrDefault(p => p.Label == label);
                sb.Append(' ').Append(c is null ? "–" : c.F1.ToString("0.000", Inv)).Append(" |");
            }

            sb.Append(' ').Append(r.WallSeconds is { } w ? string.Create(Inv, $"{w:0} s") : "–").Append(" |\n");
        }
    }

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.00", Inv) + "%" : "–";

    private static string Change(BiasDifference? d)
    {
        if (d is null)
        {
            return "–";
        }

        string text = BiasText.Points(d);
        if (d.Low is null)
        {
            return text;
        }

        return text + (d.IncludesZero ? " (within noise)" : " **(beyond noise)**");
    }

    private static string Pretty(string metric) => metric switch
    {
        "accuracy" => "Accuracy",
        "macro_precision" => "Precision (macro)",
        "macro_recall" => "Recall (macro)",
        "macro_f1" => "F1 (macro)",
        "equalized_odds_worst" => "Equalised odds (worst class)",
        _ => metric,
    };

    private static string Header(int i, int count) => count == 2 ? (i == 0 ? "A (old)" : "B (new)") : Letter(i);

    private static string Letter(int i) => i < 26 ? ((char)('A' + i)).ToString() : "R" + (i + 1).ToString(Inv);
}
