using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using FaceMask.Cli.Rendering;
using FaceMask.Cli.Settings;
using FaceMask.Detection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Commands;

/// <summary><c>facemask data faces</c>: a face-centred copy of a dataset, cropped as <c>detect</c> crops faces.</summary>
internal sealed class DataFacesCommand(IAnsiConsole console) : Command<DataFacesCommand.Options>
{
    internal sealed class Options : FaceFindingSettings
    {
        [CommandOption("--data <DIR>")]
        [Description("Source dataset root (ImageFolder layout).")]
        public string? Data { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("New dataset root; must not exist or be empty, and not be inside --data.")]
        public string? Out { get; init; }
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        if (settings.Data is null || settings.Out is null)
        {
            throw new FaceMaskException("data faces needs --data DIR and --out DIR");
        }

        var clock = Stopwatch.StartNew();
        FaceCropSummary summary = DatasetFaceCropper.WriteFaceCrops(settings.Data, settings.Out, settings.AnalyzerOptions(modelCrop: null), new TenthsProgress(console, "Cropping faces"), cancellationToken);
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().Title($"Wrote {Markup.Escape(summary.OutputRoot)}")
            .AddColumn("class").AddColumn(new TableColumn("images").RightAligned()).AddColumn(new TableColumn("face cropped").RightAligned()).AddColumn(new TableColumn("copied whole").RightAligned());
        foreach (ClassFaceCropCount c in summary.Classes)
        {
            table.AddRow(Markup.Escape(c.Class), c.Written.ToString(inv), Share(c.Cropped, c.Written), c.Whole.ToString(inv));
        }

        table.AddRow("[bold]total[/]", summary.Written.ToString(inv), Share(summary.Cropped, summary.Written), (summary.Written - summary.Cropped).ToString(inv));
        console.Write(table);
        PlainText.WriteLine(console, string.Create(inv, $"Per-image record: {summary.ManifestPath} ({clock.Elapsed.TotalSeconds:0.0} s)"));
        DataConsole.PrintSkipped(console, summary.Skipped);
        return 0;
    }

    private static string Share(int part, int whole) =>
        string.Create(CultureInfo.InvariantCulture, $"{part} ({(whole == 0 ? 0 : 100.0 * part / whole):0.0} %)");
}
