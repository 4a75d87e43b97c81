using System.ComponentModel;
using FaceMask.Cli.Rendering;
using FaceMask.Cli.Settings;
using FaceMask.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Commands;

/// <summary><c>facemask evaluate</c>: a saved model on a labelled folder, written as a run folder.</summary>
internal sealed class EvaluateCommand(IAnsiConsole console) : Command<EvaluateCommand.Options>
{
    internal sealed class Options : DataSettings
    {
        [CommandOption("--model <DIR>")]
        [Description("Model folder (holds model.json); default: the shipped model (models/default).")]
        public string? Model { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Run folder (default runs/<timestamp>-evaluate).")]
        public string? Out { get; init; }

        public EvaluateRunOptions ToOptions() => WithData(new EvaluateRunOptions { Model = Model, Out = Out });
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        RunPipeline.Evaluate(settings.ToOptions(), CommandLine.Of("evaluate", context.Remaining.Raw), new RunConsole(console), cancellationToken);
        return 0;
    }
}
