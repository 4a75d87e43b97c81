using System.ComponentModel;
using FaceMask.Cli.Rendering;
using FaceMask.Cli.Settings;
using FaceMask.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Commands;

/// <summary><c>facemask kfold</c>: stratified (optionally grouped) k-fold cross-validation.</summary>
internal sealed class KFoldCommand(IAnsiConsole console) : Command<KFoldCommand.Options>
{
    internal sealed class Options : BiasTrainingSettings
    {
        [CommandOption("--folds <K>")]
        [Description("Number of folds (default 10; not with --leave-one-group-out).")]
        public int? Folds { get; init; }

        [CommandOption("--groups <CSV>")]
        [Description("CSV with a 'path' column (relative to the dataset root) and a group column; a group never spans two folds.")]
        public string? Groups { get; init; }

        [CommandOption("--group-column <NAME>")]
        [Description("Column of --groups holding the group id (default 'group').")]
        public string GroupColumn { get; init; } = KFoldRunOptions.DefaultGroupColumn;

        [CommandOption("--leave-one-group-out")]
        [Description("One fold per distinct value of --group-column (e.g. 'source' in image_info.csv), each holding that group out; needs --groups.")]
        public bool LeaveOneGroupOut { get; init; }

        public KFoldRunOptions ToOptions() => WithBalance(new KFoldRunOptions
        {
            Folds = Folds,
            Groups = Groups,
            GroupColumn = GroupColumn,
            LeaveOneGroupOut = LeaveOneGroupOut,
        });
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        var outcome = RunPipeline.KFold(settings.ToOptions(), CommandLine.Of("kfold", context.Remaining.Raw), new RunConsole(console), cancellationToken);
        return outcome.Cancelled ? 130 : 0;
    }
}
