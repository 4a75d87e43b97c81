using System.ComponentModel;
using FaceMask.Cli.Rendering;
using FaceMask.Cli.Settings;
using FaceMask.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Commands;

/// <summary><c>facemask train</c>: stratified hold-out training (the original old model's protocol), or more epochs for a saved model.</summary>
internal sealed class TrainCommand(IAnsiConsole console) : Command<TrainCommand.Options>
{
    internal sealed class Options : BiasTrainingSettings
    {
        [CommandOption("--test-split <FRACTION>")]
        [Description("Share of each class held out for testing (default 0.3; 0 trains on everything).")]
        public double TestSplit { get; init; } = TrainRunOptions.DefaultTestSplit;

        [CommandOption("--resume <MODEL_DIR>")]
        [Description("Train a saved model further (its architecture, head, classes, size and normalisation are kept).")]
        public string? Resume { get; init; }

        public TrainRunOptions ToOptions() => WithBalance(new TrainRunOptions { TestSplit = TestSplit, Resume = Resume });
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        var outcome = RunPipeline.Train(settings.ToOptions(), CommandLine.Of("train", context.Remaining.Raw), new RunConsole(console), cancellationToken);
        if (outcome.Cancelled)
        {
            console.MarkupLine("[yellow]Stopped early: the model holds the last complete epoch.[/]");
            return 130;
        }

        return 0;
    }
}
