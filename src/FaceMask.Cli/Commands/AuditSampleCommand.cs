using System.ComponentModel;
using FaceMask.Auditing;
using FaceMask.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Commands;

/// <summary><c>facemask audit sample</c>: draw a blind, stratified sample of a run's images for a person to relabel.</summary>
internal sealed class AuditSampleCommand(IAnsiConsole console) : Command<AuditSampleCommand.Options>
{
    internal sealed class Options : CommandSettings
    {
        [CommandOption("--run <DIR>")]
        [Description("Run folder with predictions.csv (train, kfold or evaluate) whose images are audited.")]
        public string? Run { get; init; }

        [CommandOption("--agreements <N>")]
        [Description("Images drawn where the model agrees with the label (default 250).")]
        public int Agreements { get; init; } = 250;

        [CommandOption("--disagreements <N>")]
        [Description("Images drawn where the model disagrees with the label (default 150).")]
        public int Disagreements { get; init; } = 150;

        [CommandOption("--seed <N>")]
        [Description("Seed of the draw (default 0).")]
        public int Seed { get; init; }

        [CommandOption("--data <DIR>")]
        [Description("Where the run's images are (default: the dataset root recorded in its report.json).")]
        public string? Data { get; init; }

        [CommandOption("--columns <N>")]
        [Description("Images across a review sheet (default 5).")]
        public int Columns { get; init; } = 5;

        [CommandOption("--rows <N>")]
        [Description("Images down a review sheet (default 4).")]
        public int Rows { get; init; } = 4;

        [CommandOption("--out <DIR>")]
        [Description("Audit folder (default runs/<timestamp>-audit); must not exist or be empty.")]
        public string? Out { get; init; }
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        if (settings.Run is null)
        {
            throw new FaceMaskException("audit sample needs --run RUN_DIR");
        }

        var options = new AuditSampleOptions { Agreements = settings.Agreements, Disagreements = settings.Disagreements, Seed = settings.Seed };
        var layout = new ReviewSheetLayout { Columns = settings.Columns, Rows = settings.Rows };
        AuditFolder audit = LabelAudit.Start(settings.Run, settings.Out, options, layout, settings.Data);
        AuditConsole.PrintStarted(console, audit);
        return 0;
    }
}
