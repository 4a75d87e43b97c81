using System.ComponentModel;
using FaceMask.Auditing;
using FaceMask.Cli.Rendering;
using FaceMask.Evaluation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Commands;

/// <summary><c>facemask audit score</c>: estimate label errors and the run's accuracy against a reviewer's labels.</summary>
internal sealed class AuditScoreCommand(IAnsiConsole console) : Command<AuditScoreCommand.Options>
{
    internal sealed class Options : CommandSettings
    {
        [CommandArgument(0, "<AUDIT_DIR>")]
        [Description("Audit folder made by 'audit sample', with review.csv filled in.")]
        public string Audit { get; init; } = string.Empty;

        [CommandOption("--bootstrap <N>")]
        [Description("Bootstrap replicates of the intervals (default 1000; 0 = none).")]
        public int Bootstrap { get; init; } = BootstrapIntervals.DefaultResamples;

        [CommandOption("--seed <N>")]
        [Description("Seed of the bootstrap (default 0).")]
        public int Seed { get; init; }
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        if (settings.Bootstrap < 0)
        {
            throw new FaceMaskException($"--bootstrap {settings.Bootstrap}: must be 0 or more");
        }

        var (report, files) = LabelAudit.Score(settings.Audit, settings.Bootstrap, settings.Seed);
        AuditConsole.PrintScore(console, report, files);
        return 0;
    }
}
