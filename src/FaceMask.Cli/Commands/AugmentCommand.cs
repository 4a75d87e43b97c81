using System.ComponentModel;
using System.Globalization;
using FaceMask.Bias;
using FaceMask.Cli.Rendering;
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

        [CommandOption("--by <ATTRIBUTE>")]
        [Description("Instead of --per-class: top up under-represented <ATTRIBUTE> group × class cells (needs --attributes).")]
        public string? By { get; init; }

        [CommandOption("--attributes <CSV|DIR>")]
        [Description("Group labels for --by (CSV path,<attribute>,… relative to --data, or a folder layout).")]
        public string? Attributes { get; init; }

        [CommandOption("--per-cell <N>")]
        [Description("With --by: images per group × class cell (default: the largest group's count in that class).")]
        public int? PerCell { get; init; }
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        if (settings.By is not null)
        {
            return ByGroup(settings);
        }

        if (settings.Data is null || settings.Out is null || settings.PerClass < 1)
        {
            throw new FaceMaskException("augment needs --data DIR, --out DIR and --per-class N (N >= 1)");
        }

        var summary = DatasetAugmenter.WriteBalancedCopy(settings.Data, settings.Out, settings.PerClass, settings.Seed, new TenthsProgress(console, "Writing images"));
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

    private int ByGroup(Options settings)
    {
        if (settings.Data is null || settings.Out is null || settings.Attributes is null)
        {
            throw new FaceMaskException("augment --by needs --data DIR, --out DIR and --attributes CSV|DIR");
        }

        var attributes = GroupAttributes.Load(settings.Attributes);
        var summary = GroupAugmenter.WriteGroupBalancedCopy(settings.Data, settings.Out, attributes, settings.By!, settings.PerCell, settings.Seed);
        var table = new Table().Title(Markup.Escape($"{summary.Attribute} × class cells")).AddColumn("group").AddColumn("class")
            .AddColumn(new TableColumn("original").RightAligned()).AddColumn(new TableColumn("target").RightAligned()).AddColumn(new TableColumn("added").RightAligned());
        foreach (var c in summary.Cells)
        {
            table.AddRow(Markup.Escape(c.Group), Markup.Escape(c.Label), c.Original.ToString(CultureInfo.InvariantCulture), c.Target.ToString(CultureInfo.InvariantCulture), c.Added.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {summary.OutputRoot}: {summary.Copied} originals and {summary.Added} augmented copies; group labels in {summary.AttributesFile}"));
        foreach (var s in summary.Skipped)
        {
            console.MarkupLine($"[yellow]skipped {Markup.Escape(s.ToString())}[/]");
        }

        return 0;
    }
}
