using System.Globalization;
using FaceMask.Evaluation;
using FaceMask.Reporting;
using Spectre.Console;

namespace FaceMask.Cli.Rendering;

/// <summary>Prints a run's reports: fold table, classification reports in sklearn's layout, confusion matrices.</summary>
internal static class ReportConsole
{
    public static void Print(IAnsiConsole console, RunReport report, string runDirectory)
    {
        var inv = CultureInfo.InvariantCulture;
        if (report.Folds is { Count: > 0 } folds && report.Mean is { } mean && report.Sd is { } sd)
        {
            var table = new Table().Title("Per-fold results").AddColumns("fold", "accuracy", "macro P", "macro R", "macro F1", "wtd F1", "s");
            foreach (var f in folds)
            {
                table.AddRow(f.Fold.ToString(inv), Pct(f.Accuracy), F4(f.Macro.Precision), F4(f.Macro.Recall), F4(f.Macro.F1), F4(f.Weighted.F1), f.Seconds.ToString("0.0", inv));
            }

            table.AddRow("[bold]mean[/]", $"[bold]{Pct(mean.Accuracy)}[/]", F4(mean.MacroPrecision), F4(mean.MacroRecall), F4(mean.MacroF1), F4(mean.WeightedF1), string.Empty);
            table.AddRow("sd", (sd.Accuracy * 100).ToString("0.00", inv), F4(sd.MacroPrecision), F4(sd.MacroRecall), F4(sd.MacroF1), F4(sd.WeightedF1), string.Empty);
            console.Write(table);
        }

        if (report.Train is { } train)
        {
            PrintSection(console, report.Folds is { Count: > 0 } ? "Train (last fold's model on its training images)" : "Train", train);
        }

        PrintSection(console, report.Folds is { Count: > 0 } ? "Test (pooled out-of-fold)" : "Test", report.Test);
        PlainText.WriteLine(console, string.Create(inv, $"Accuracy {report.Accuracy * 100:0.00}%, macro F1 {report.Macro.F1:0.0000}, wall time {report.WallSeconds:0.0} s"));
        PlainText.WriteLine(console, $"Run folder: {runDirectory}");
    }

    public static void PrintSection(IAnsiConsole console, string title, MetricsSection section)
    {
        console.Write(new Rule(title).LeftJustified());
        var report = MarkdownReportExporter.ReportFromSection(section);
        PlainText.WriteLine(console, report.ToText(2));
        console.Write(ConfusionTable(report.Confusion));
    }

    public static Table ConfusionTable(ConfusionMatrix matrix)
    {
        var table = new Table().Caption("rows: true class, columns: predicted");
        table.AddColumn("true \\ pred");
        foreach (string label in matrix.Labels)
        {
            table.AddColumn(new TableColumn(Markup.Escape(label)).RightAligned());
        }

        for (int t = 0; t < matrix.Labels.Count; t++)
        {
            var cells = new List<string> { Markup.Escape(matrix.Labels[t]) };
            for (int p = 0; p < matrix.Labels.Count; p++)
            {
                string n = matrix[t, p].ToString(CultureInfo.InvariantCulture);
                cells.Add(t == p ? $"[bold]{n}[/]" : n);
            }

            table.AddRow(cells.ToArray());
        }

        return table;
    }

    private static string Pct(double v) => (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string F4(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}
