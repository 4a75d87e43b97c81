using System.ComponentModel;
using System.Globalization;
using FaceMask.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Commands;

/// <summary><c>facemask augment</c>: a balanced, augmented copy of a dataset (never written into the source).</summary>
internal sealed class AugmentCommand(IAnsiConsole console) : Command<AugmentCommand.Options>
{
    internal sealed class Options : CommandSettings
    {
        [CommandOption("--data <DIR>")]
        [Description("Source dataset root (ImageFolder layout).")]
        public string? Data { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("New dataset root; must not exist or be empty, and not be inside --data.")]
        public string? Out { get; init; }

        [CommandOption("--per-class <N>")]
        [Description("Images per class in the copy.")]
        public int PerClass { get; init; }

        [CommandOption("--seed <N>")]
        [Description("Seed (default 0).")]
        public int Seed { get; init; }
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        if (settings.Data is null || settings.Out is null || settings.PerClass < 1)
        {
            throw new FaceMaskException("augment needs --data DIR, --out DIR and --per-class N (N >= 1)");
        }

        var summary = DatasetAugmenter.WriteBalancedCopy(settings.Data, settings.Out, settings.PerClass, settings.Seed);
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().Title($"Wrote {Markup.Escape(summary.OutputRoot)}")
            .AddColumns("class", "original", "copied", "augmented", "written");
        foreach (var c in summary.Classes)
        {
            table.AddRow(Markup.Escape(c.Class), c.Original.ToString(inv), c.Copied.ToString(inv), c.Augmented.ToString(inv), c.Written.ToString(inv));
        }

        table.AddRow("[bold]total[/]", string.Empty, string.Empty, string.Empty, summary.TotalWritten.ToString(inv));
        console.Write(table);
        Rendering.DataConsole.PrintSkipped(console, summary.Skipped);
        return 0;
    }
}
