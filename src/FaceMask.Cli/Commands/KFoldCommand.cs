using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using FaceMask.Cli.Rendering;
using FaceMask.Cli.Settings;
using FaceMask.Evaluation;
using FaceMask.Protocols;
using FaceMask.Reporting;
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
        public string GroupColumn { get; init; } = "group";

        [CommandOption("--leave-one-group-out")]
        [Description("One fold per distinct value of --group-column (e.g. 'source' in image_info.csv), each holding that group out; needs --groups.")]
        public bool LeaveOneGroupOut { get; init; }
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        if (settings.LeaveOneGroupOut && (settings.Groups is null || settings.Folds is not null))
        {
            throw new FaceMaskException("--leave-one-group-out needs --groups CSV (and --group-column NAME) and makes one fold per group, so it takes no --folds");
        }

        int folds = settings.Folds ?? 10;
        var options = settings.ExperimentOptions() with { LeaveOneGroupOut = settings.LeaveOneGroupOut };
        var attributes = settings.LoadAttributes();
        var data = DataConsole.Load(console, settings.RequireData(), settings.LoadOptions(), cancellationToken);
        options = BiasConsole.Balance(console, settings, attributes, data, options);
        if (settings.Groups is not null)
        {
            var table = GroupTable.Load(settings.Groups, settings.GroupColumn);
            string[] groups = table.Resolve(data.Paths, out int missing);
            if (missing > 0)
            {
                console.MarkupLine($"[yellow]{missing} image(s) have no row in {Markup.Escape(settings.Groups)}; each is its own group.[/]");
            }

            options = options with { Groups = groups };
        }

        string runDir = RunFolder.Create(settings.Out, "kfold", started);
        using var result = TrainingConsole.Run(console, "k-fold", p => KFoldProtocol.Run(data, options, folds, p, cancellationToken));
        var record = settings.Record();
        record["folds"] = (result.FoldGroups?.Count ?? folds).ToString(CultureInfo.InvariantCulture);
        if (result.FoldGroups is { } held)
        {
            record["leave_one_group_out"] = string.Join(';', held.Select((g, i) => $"{i + 1}={g}"));
        }

        record["groups"] = settings.Groups is null ? string.Empty : $"{settings.Groups}:{settings.GroupColumn}";
        settings.RecordBias(record);
        var runContext = new RunContext
        {
            Verb = "kfold",
            Command = CommandLine.Of("kfold", context.Remaining.Raw),
            StartedUtc = started,
            WallSeconds = clock.Elapsed.TotalSeconds,
            Data = data,
            Settings = record,
        };
        var (report, _) = RunRecorder.Record(result, runContext, runDir);
        ReportConsole.Print(console, report, runDir);
        GeneralisationConsole.PrintHeldOutGroups(console, result);
        GeneralisationConsole.WriteFlagged(console, result, options, runDir);
        if (attributes is not null)
        {
            BiasConsole.AnalyzeAndWrite(console, result.Predictions, data.Classes, attributes, data.Paths, settings.BiasOptions(), runDir, runContext.Command, "out-of-fold predictions (k-fold)", data.Root);
        }

        return result.Cancelled ? 130 : 0;
    }
}
