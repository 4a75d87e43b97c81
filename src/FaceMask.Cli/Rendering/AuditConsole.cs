using System.Globalization;
using FaceMask.Auditing;
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
            table.AddRow(AuditText.Describe(p.Stratum), p.Images.ToString(Inv), p.Drawn.ToString(Inv));
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
        table.AddRow("Accuracy", AuditText.Percent(report.GivenAccuracy), Markup.Escape(AuditText.Percent(report.ReviewedAccuracy)));
        table.AddRow("Macro-F1", AuditText.Decimal(report.GivenMacroF1), Markup.Escape(AuditText.Decimal(report.ReviewedMacroF1)));
        console.Write(table);

        var classes = new Table().AddColumn("class").AddColumn(new TableColumn("F1 (dataset)").RightAligned())
            .AddColumn(new TableColumn("F1 (reviewer)").RightAligned()).AddColumn(new TableColumn("labels changed").RightAligned());
        foreach (var c in report.Classes)
        {
            classes.AddRow(Markup.Escape(c.Label), AuditText.Decimal(c.GivenF1), Markup.Escape(AuditText.Decimal(c.ReviewedF1)), Markup.Escape(AuditText.Percent(c.LabelErrorRate)));
        }

        console.Write(classes);
        PlainText.WriteLine(console, $"Labels changed by the reviewer: {AuditText.Percent(report.LabelErrorRate)} of the run's images; undecidable: {AuditText.Percent(report.UnsureShare)}");
        foreach (string file in files)
        {
            PlainText.WriteLine(console, $"Wrote {file}");
        }
    }
}
