using System.Globalization;
using FaceMask.Bias;
using Spectre.Console;

namespace FaceMask.Cli.Rendering;

/// <summary>Console side of the bias features: balancing weights and the analysis summary.</summary>
internal static class BiasConsole
{
    /// <summary>The loss weights of --balance-by, one row per group × class cell.</summary>
    public static void PrintBalance(IAnsiConsole console, GroupBalance balance)
    {
        string by = balance.Attribute;
        var table = new Table().Title($"Loss weights balancing {Markup.Escape(by)} × class").AddColumn(Markup.Escape(by)).AddColumn("class")
            .AddColumn(new TableColumn("images").RightAligned()).AddColumn(new TableColumn("weight").RightAligned());
        foreach (var c in balance.Cells)
        {
            table.AddRow(Markup.Escape(c.Group), Markup.Escape(c.Label), c.Count.ToString(CultureInfo.InvariantCulture), c.Weight.ToString("0.000", CultureInfo.InvariantCulture));
        }

        table.Caption(string.Create(CultureInfo.InvariantCulture, $"{balance.Unknown} image(s) of unknown {by}: weight 1; {balance.Clipped} cell(s) capped at --max-weight"));
        console.Write(table);
    }

    /// <summary>The bias analysis written into a run folder: coverage, per-group tables, gaps and warnings.</summary>
    public static void Print(IAnsiConsole console, BiasReport report, string runDirectory)
    {
        console.Write(new Rule("Bias analysis").LeftJustified());
        if (report.Coverage is { } c)
        {
            PlainText.WriteLine(console, string.Create(CultureInfo.InvariantCulture,
                $"Attributes {c.Source}: {c.Rows} rows, {c.UnmatchedPathCount} match no image, {c.ImagesWithoutRowCount} of {c.Images} images have no row"));
        }

        foreach (var a in report.Attributes)
        {
            var table = new Table().Title(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{a.Name}: {a.Labelled} labelled, {a.Unknown} unknown")))
                .AddColumn("group").AddColumn(new TableColumn("images").RightAligned()).AddColumn(new TableColumn("accuracy [[95% CI]]").RightAligned())
                .AddColumn(new TableColumn("macro F1 [[95% CI]]").RightAligned()).AddColumn(new TableColumn("accuracy − overall").RightAligned());
            foreach (var g in a.Groups)
            {
                table.AddRow(
                    Markup.Escape(g.Name) + (g.Small ? " [yellow](small)[/]" : string.Empty),
                    g.Count.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(BiasText.Percent(g.Metrics["accuracy"])),
                    Markup.Escape(BiasText.Decimal(g.Metrics["macro_f1"])),
                    g.DifferenceToOverall.TryGetValue("accuracy", out var d) ? Markup.Escape(BiasText.Points(d)) : string.Empty);
            }

            console.Write(table);
            foreach (var gap in a.Gaps)
            {
                PlainText.WriteLine(console, $"  {gap.Metric} gap {gap.HighGroup} − {gap.LowGroup}: {BiasText.Points(gap.Difference)}, ratio {BiasText.Ratio(gap.Ratio)} — {BiasText.Verdict(gap)}");
            }

            if (a.EqualizedOdds.Worst is { } w)
            {
                PlainText.WriteLine(console, $"  equalised odds, worst: {a.EqualizedOdds.WorstRate} of {a.EqualizedOdds.WorstClass}, {w.HighGroup} − {w.LowGroup}: {BiasText.Points(w.Difference)} — {BiasText.Verdict(w)}");
            }
        }

        foreach (string warning in report.Warnings)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(warning)}[/]");
        }

        PlainText.WriteLine(console, $"Bias report: {Path.Combine(runDirectory, BiasMarkdownExporter.FileName)}");
    }
}
