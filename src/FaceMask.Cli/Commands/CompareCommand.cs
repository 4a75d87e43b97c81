using System.ComponentModel;
using FaceMask.Cli.Rendering;
using FaceMask.Evaluation;
using FaceMask.Comparison;
using FaceMask.Reporting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Commands;

/// <summary><c>facemask compare</c>: the original's "Metric | Old | New" table, with groups and gaps when the runs have bias.json.</summary>
internal sealed class CompareCommand(IAnsiConsole console) : Command<CompareCommand.Options>
{
    internal sealed class Options : CommandSettings
    {
        [CommandArgument(0, "<RUN>")]
        [Description("Run folders (train, kfold, evaluate or bias); the first is the baseline.")]
        public string[] Runs { get; init; } = [];

        [CommandOption("--bootstrap <N>")]
        [Description("Bootstrap replicates for the intervals of the changes (default 1000; 0 = none).")]
        public int Bootstrap { get; init; } = BootstrapIntervals.DefaultResamples;

        [CommandOption("--seed <N>")]
        [Description("Seed of the bootstrap (default 0).")]
        public int Seed { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Output folder (default runs/<timestamp>-compare).")]
        public string? Out { get; init; }
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var report = RunComparison.Compare(settings.Runs, settings.Bootstrap, settings.Seed);
        string dir = RunFolder.Create(settings.Out, "compare", started);
        RunComparison.Write(report, dir);
        CompareConsole.Print(console, report, dir);
        return 0;
    }
}
