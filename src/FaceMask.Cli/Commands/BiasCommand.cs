using System.ComponentModel;
using FaceMask.Cli.Rendering;
using FaceMask.Cli.Settings;
using FaceMask.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Commands;

/// <summary>
/// <c>facemask bias</c>: per-group evaluation with gaps and intervals, for a saved model on a dataset (or on a folder
/// layout's own images), or for an existing run folder's predictions.
/// </summary>
internal sealed class BiasCommand(IAnsiConsole console) : Command<BiasCommand.Options>
{
    internal sealed class Options : GroupSettings
    {
        [CommandOption("--model <DIR>")]
        [Description("Model folder (holds model.json) to evaluate on --data (or on the images of an --attributes folder layout).")]
        public string? Model { get; init; }

        [CommandOption("--run <DIR>")]
        [Description("Instead of a model: analyse this run folder's predictions.csv (paths relative to its dataset).")]
        public string? Run { get; init; }

        [CommandOption("--no-intersections")]
        [Description("Do not cross attributes (e.g. gender × age).")]
        public bool NoIntersections { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Run folder (default runs/<timestamp>-bias).")]
        public string? Out { get; init; }

        public BiasRunOptions ToOptions() => WithGroups(new BiasRunOptions { Model = Model, Run = Run, NoIntersections = NoIntersections, Out = Out });
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        RunPipeline.Bias(settings.ToOptions(), CommandLine.Of("bias", context.Remaining.Raw), new RunConsole(console), cancellationToken);
        return 0;
    }
}
