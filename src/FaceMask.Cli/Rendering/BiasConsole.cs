using System.Globalization;
using FaceMask.Bias;
using FaceMask.Cli.Settings;
using FaceMask.Data;
using FaceMask.Protocols;
using Spectre.Console;

namespace FaceMask.Cli.Rendering;

/// <summary>Console side of the bias features: balancing weights, the analysis summary and comparisons.</summary>
internal static class BiasConsole
{
    /// <summary>Applies --balance-by to the options (when given) and prints the cells.</summary>
    public static ExperimentOptions Balance(IAnsiConsole console, BiasTrainingSettings settings, GroupAttributes? attributes, LoadedDataset data, ExperimentOptions options)
    {
        if (settings.BalanceBy is not { } by || attributes is null)
        {
            return options;
        }

        var groups = attributes.Match(data.Paths).Attribute(by).Groups;
        var balance = GroupBalancing.Weights(by, data.Labels, groups, data.Classes, settings.MaxWeight);
        var table = new Table().Title($"Loss weights balancing {Markup.Escape(by)} × class").AddColumn(Markup.Escape(by)).AddColumn("class")
            .AddColumn(new TableColumn("images").RightAligned()).AddColumn(new TableColumn("weight").RightAligned());
        foreach (var c in balance.Cells)
        {
            table.AddRow(Markup.Escape(c.Group), Markup.Escape(c.Label), c.Count.ToString(CultureInfo.InvariantCulture), c.Weight.ToString("0.000", CultureInfo.InvariantCulture));
        }

        table.Caption(string.Create(CultureInfo.InvariantCulture, $"{balance.Unknown} image(s) of unknown {by}: weight 1; {balance.Clipped} cell(s) capped at --max-weight"));
        console.Write(table);
        return options with { Training = options.Training with { SampleWeights = balance.Weights } };
    }

    /// <summary>Runs the analysis on a run's predictions, writes the bias files and prints the summary.</summary>
    public static BiasReport AnalyzeAndWrite(
        IAnsiConsole console,
        IReadOnlyList<PredictionRow> predictions,
        IReadOnlyList<string> labels,
        GroupAttributes attributes,
        IReadOnlyList<string> datasetPaths,
        BiasOptions options,
        string runDirectory,
        string command,
        string description,
        string? dataRoot = null,
        string? model = null)
    {
        var report = BiasRun.Analyze(predictions, labels, attributes, datasetPaths, options) with
        {
            Command = command,
            Predictions = description,
            DataRoot = dataRoot,
            Model = model,
        };
        BiasFolder.Write(report, runDirectory);
        Print(console, report, runDirectory);
        return report;
    }

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
