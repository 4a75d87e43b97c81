using System.Globalization;
using FaceMask.Auditing;
using FaceMask.Evaluation;
using Spectre.Console;

namespace FaceMask.Cli.Rendering;

/// <summary>Prints a new audit folder and a scored audit.</summary>
internal static class AuditConsole
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void PrintStarted(IAnsiConsole console, AuditFolder audit)
    {
        var plan = audit.Plan;
        var table = new Table().Title($"Label audit of {Markup.Escape(plan.Run)}")
            .AddColumn("stratum").AddColumn(new TableColumn("images").RightAligned()).AddColumn(new TableColumn("drawn").RightAligned());
        foreach (var p in plan.Populations)
        {
            table.AddRow(Describe(p.Stratum), p.Images.ToString(Inv), p.Drawn.ToString(Inv));
        }

        console.Write(table);
        PlainText.WriteLine(console, $"Wrote {audit.Sheets.Files.Count} review sheet(s) of {plan.Items.Count} numbered images to {Path.Combine(audit.Directory, ReviewSheets.FolderName)}");
        foreach (string missing in audit.Sheets.Missing)
        {
            PlainText.WriteLine(console, $"warning: {missing}: could not be read; its cell is crossed out");
        }

        PlainText.WriteLine(console, $"Next: write the class you see for each item in {audit.ReviewFile} (label column: {string.Join(", ", plan.Labels)}, or {ReviewCsv.UnsureLabel}),");
        PlainText.WriteLine(console, $"without looking at {AuditPlan.FileName} (it holds the labels and predictions); then run: facemask audit score {audit.Directory}");
    }

    public static void PrintScore(IAnsiConsole console, AuditReport report, IReadOnlyList<string> files)
    {
        int reviewed = report.Strata.Sum(s => s.Reviewed);
        int unsure = report.Strata.Sum(s => s.Unsure);
        PlainText.WriteLine(console, $"Label audit of {report.Run}: {reviewed} images given a class, {unsure} unsure, {report.NotReviewed} not reviewed yet");
        var table = new Table().AddColumn("metric").AddColumn(new TableColumn("dataset labels").RightAligned())
            .AddColumn(new TableColumn("reviewer's labels [[95% CI]]").RightAligned());
        table.AddRow("Accuracy", Percent(report.GivenAccuracy), Markup.Escape(Percent(report.ReviewedAccuracy)));
        table.AddRow("Macro-F1", Fixed(report.GivenMacroF1), Markup.Escape(Fixed(report.ReviewedMacroF1)));
        console.Write(table);

        var classes = new Table().AddColumn("class").AddColumn(new TableColumn("F1 (dataset)").RightAligned())
            .AddColumn(new TableColumn("F1 (reviewer)").RightAligned()).AddColumn(new TableColumn("labels changed").RightAligned());
        foreach (var c in report.Classes)
        {
            classes.AddRow(Markup.Escape(c.Label), Fixed(c.GivenF1), Markup.Escape(Fixed(c.ReviewedF1)), Markup.Escape(Percent(c.LabelErrorRate)));
        }

        console.Write(classes);
        PlainText.WriteLine(console, $"Labels changed by the reviewer: {Percent(report.LabelErrorRate)} of the run's images; undecidable: {Percent(report.UnsureShare)}");
        foreach (string file in files)
        {
            PlainText.WriteLine(console, $"Wrote {file}");
        }
    }

    private static string Describe(AuditStratum stratum) =>
        stratum == AuditStratum.Agreement ? "model agrees with label" : "model disagrees with label";

    private static string Percent(double v) => (v * 100).ToString("0.00", Inv) + " %";

    private static string Percent(MetricInterval m) =>
        double.IsFinite(m.Value) ? string.Create(Inv, $"{m.Value * 100:0.00} % [{m.Low * 100:0.00}, {m.High * 100:0.00}]") : "n/a";

    private static string Fixed(double v) => double.IsFinite(v) ? v.ToString("0.000", Inv) : "n/a";

    private static string Fixed(MetricInterval m) =>
        double.IsFinite(m.Value) ? string.Create(Inv, $"{m.Value:0.000} [{m.Low:0.000}, {m.High:0.000}]") : "n/a";
}
