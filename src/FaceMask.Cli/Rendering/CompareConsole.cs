using System.Globalization;
using FaceMask.Bias;
using FaceMask.Comparison;
using FaceMask.Reporting;
using Spectre.Console;

namespace FaceMask.Cli.Rendering;

/// <summary>Prints a run comparison.</summary>
internal static class CompareConsole
{
    public static void Print(IAnsiConsole console, ComparisonReport report, string directory)
    {
        var runs = report.Runs;
        for (int i = 0; i < runs.Count; i++)
        {
            PlainText.WriteLine(console, $"{Letter(i)}: {runs[i].Path} ({runs[i].Verb}, {runs[i].Images} images{(runs[i].BalancedBy is { } b ? ", balanced by " + b : string.Empty)}){(i > 0 ? "; changes by " + runs[i].Method : string.Empty)}");
        }

        PrintAtAGlance(console, report);
        var table = new Table().AddColumn("Metric");
        for (int i = 0; i < runs.Count; i++)
        {
            table.AddColumn(new TableColumn(runs.Count == 2 ? (i == 0 ? "Old (A)" : "New (B)") : Letter(i)).RightAligned());
        }

        for (int i = 1; i < runs.Count; i++)
        {
            table.AddColumn(new TableColumn($"{Letter(i)} − A [[95% CI]]").RightAligned());
        }

        foreach (var m in report.Metrics)
        {
            var cells = new List<string> { m.Metric };
            cells.AddRange(m.Values.Select(v => v is { } x ? x.ToString("0.0000", CultureInfo.InvariantCulture) : "–"));
            cells.AddRange(m.Changes.Skip(1).Select(Change));
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        console.Write(table);
        if (report.Gaps.Count > 0)
        {
            var gaps = new Table().Title("Gaps (highest − lowest group)").AddColumn("attribute").AddColumn("metric");
            for (int i = 0; i < runs.Count; i++)
            {
                gaps.AddColumn(new TableColumn(Letter(i)).RightAligned());
            }

            for (int i = 1; i < runs.Count; i++)
            {
                gaps.AddColumn(new TableColumn($"{Letter(i)} − A").RightAligned());
            }

            foreach (var g in report.Gaps)
            {
                var cells = new List<string> { g.Attribute, g.Metric };
                cells.AddRange(g.Gaps.Select(x => x is null ? "–" : BiasText.Points(x.Difference)));
                cells.AddRange(g.Changes.Skip(1).Select(Change));
                gaps.AddRow(cells.Select(Markup.Escape).ToArray());
            }

            console.Write(gaps);
        }

        foreach (string note in report.Notes)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(note)}[/]");
        }

        PlainText.WriteLine(console, $"Comparison: {Path.Combine(directory, RunComparison.MarkdownFileName)}");
    }

    private static void PrintAtAGlance(IAnsiConsole console, ComparisonReport report)
    {
        var runs = report.Runs;
        var labels = runs.SelectMany(r => r.PerClass.Select(c => c.Label)).Distinct(StringComparer.Ordinal).ToList();
        var table = new Table().AddColumn("").AddColumn("arch").AddColumn("protocol").AddColumn(new TableColumn("fold accuracy").RightAligned());
        foreach (string label in labels)
        {
            table.AddColumn(new TableColumn("F1 " + Markup.Escape(label)).RightAligned());
        }

        table.AddColumn(new TableColumn("wall").RightAligned());
        for (int i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            var cells = new List<string>
            {
                Letter(i),
                r.Arch ?? "–",
                r.Protocol ?? r.Verb ?? "–",
                r.FoldAccuracy is { } mean ? string.Create(CultureInfo.InvariantCulture, $"{mean * 100:0.00} ± {(r.FoldAccuracySd ?? 0) * 100:0.00} %") : "–",
            };
            cells.AddRange(labels.Select(l => r.PerClass.FirstOrDefault(c => c.Label == l) is { } c ? c.F1.ToString("0.000", CultureInfo.InvariantCulture) : "–"));
            cells.Add(r.WallSeconds is { } w ? string.Create(CultureInfo.InvariantCulture, $"{w:0} s") : "–");
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        console.Write(table);
    }

    private static string Change(BiasDifference? d) =>
        d is null ? "–" : BiasText.Points(d) + (d.Low is null ? string.Empty : d.IncludesZero ? " (noise)" : " (real)");

    private static string Letter(int i) => ((char)('A' + Math.Min(i, 25))).ToString();
}
