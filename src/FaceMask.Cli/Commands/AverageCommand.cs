using System.ComponentModel;
using System.Globalization;
using FaceMask.Cli.Rendering;
using FaceMask.Models;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Commands;

/// <summary><c>facemask average</c>: average the weights of fine-tuned models into one model (a model soup).</summary>
internal sealed class AverageCommand(IAnsiConsole console) : Command<AverageCommand.Options>
{
    internal sealed class Options : CommandSettings
    {
        [CommandArgument(0, "<MODEL>")]
        [Description("Two or more resnet18-ft model folders trained from the same start (same classes, input, face crop and seed).")]
        public string[] Models { get; init; } = [];

        [CommandOption("--out <DIR>")]
        [Description("Folder for the averaged model (float32, uncalibrated: calibrate it on its own held-out predictions).")]
        public string? Out { get; init; }

        [CommandOption("--weights <W>")]
        [Description("Comma-separated positive weights, one per model (default: equal).")]
        public string? Weights { get; init; }

        [CommandOption("--overwrite")]
        [Description("Replace the --out folder if it exists and is not empty.")]
        public bool Overwrite { get; init; }
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        if (settings.Out is null)
        {
            throw new FaceMaskException("average needs --out DIR");
        }

        var result = ModelAverager.Average(settings.Models, ParseWeights(settings.Weights), settings.Out, settings.Overwrite);
        var shares = result.Manifest.AveragedFrom!.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Model} ({s.Weight:0.###}, {s.Tune})"));
        PlainText.WriteLine(console, $"Averaged {string.Join(", ", shares)} into {result.Directory} (tune {result.Manifest.Tune})");
        foreach (string note in result.Notes)
        {
            PlainText.WriteLine(console, "Note: " + note);
        }

        return 0;
    }

    private static double[]? ParseWeights(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var weights = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out weights[i]))
            {
                throw new FaceMaskException($"--weights {text}: '{parts[i]}' is not a number");
            }
        }

        return weights;
    }
}
