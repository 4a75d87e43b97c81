using System.Globalization;
using FaceMask.Data;
using Spectre.Console;

namespace FaceMask.Cli.Rendering;

/// <summary>Loads a dataset with a status line and prints the class table and skipped files.</summary>
internal static class DataConsole
{
    public static LoadedDataset Load(IAnsiConsole console, string root, DatasetLoadOptions options, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var progress = options.Backbone is null ? null : new TenthsProgress(console, $"Extracting {options.Backbone} features");
        var data = DatasetLoader.Load(root, options, progress, cancellationToken);
        string how = data.LoadedFromCache ? "from cache" : "decoded";
        if (data.Features is { } features)
        {
            how = features.Extracted == 0
                ? $"{features.Backbone.Name} features from cache"
                : string.Create(CultureInfo.InvariantCulture,
                    $"{features.Backbone.Name} features of {features.Extracted} images extracted (image + mirror) at {features.Extracted / Math.Max(features.ExtractionSeconds, 1e-9):0.0} images/s");
        }

        PlainText.WriteLine(console, string.Create(
            CultureInfo.InvariantCulture,
            $"Loaded {data.Count} images of {data.Classes.Count} classes at {data.Size}x{data.Size} in {clock.Elapsed.TotalSeconds:0.00} s ({how}{(data.CachePath is null ? string.Empty : ", cache " + data.CachePath)})"));
        PrintSkipped(console, data.Skipped);
        return data;
    }

    public static void PrintClassTable(IAnsiConsole console, IReadOnlyList<string> classes, IReadOnlyList<int> counts)
    {
        var table = new Table().AddColumn("class").AddColumn(new TableColumn("images").RightAligned());
        for (int i = 0; i < classes.Count; i++)
        {
            table.AddRow(Markup.Escape(classes[i]), counts[i].ToString(CultureInfo.InvariantCulture));
        }

        table.AddRow("[bold]total[/]", $"[bold]{counts.Sum().ToString(CultureInfo.InvariantCulture)}[/]");
        console.Write(table);
    }

    public static void PrintSkipped(IAnsiConsole console, IReadOnlyList<SkippedFile> skipped)
    {
        if (skipped.Count == 0)
        {
            return;
        }

        console.MarkupLine($"[yellow]Skipped {skipped.Count} file(s):[/]");
        foreach (var s in skipped.Take(50))
        {
            console.MarkupLine($"[yellow]  {Markup.Escape(s.Path)}: {Markup.Escape(s.Reason)}[/]");
        }

        if (skipped.Count > 50)
        {
            console.MarkupLine($"[yellow]  … and {skipped.Count - 50} more (see the run's report.md)[/]");
        }
    }
}
