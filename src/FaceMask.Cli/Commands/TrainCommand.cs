using System.ComponentModel;
using System.Diagnostics;
using FaceMask.Cli.Rendering;
using FaceMask.Cli.Settings;
using FaceMask.Detection;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Reporting;
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
        public double TestSplit { get; init; } = 0.3;

        [CommandOption("--resume <MODEL_DIR>")]
        [Description("Train a saved model further (its architecture, head, classes, size and normalisation are kept).")]
        public string? Resume { get; init; }
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        TrainedModel? resume = settings.Resume is null ? null : ModelStore.Load(settings.Resume);
        try
        {
            // A resumed model keeps its own architecture, head and normalisation.
            var options = resume is null
                ? settings.ExperimentOptions()
                : settings.ExperimentOptions(resume.Manifest.Arch) with { Head = resume.Manifest.Head, Tune = resume.Manifest.Tune, Normalization = resume.Manifest.Normalization };
            // A resumed face-crop model gets whole images' faces cropped as predict crops them (a face-cropped copy as it is).
            using var faces = resume is null ? null : FaceCropPreparer.For(resume.Manifest, settings.RequireData());
            var load = (resume is null ? settings.LoadOptions() : settings.LoadOptions(resume.Manifest)) with { Preparer = faces };
            var attributes = settings.LoadAttributes();
            var data = DataConsole.Load(console, settings.RequireData(), load, cancellationToken);
            options = BiasConsole.Balance(console, settings, attributes, data, options);
            if (resume is not null)
            {
                ModelCompatibility.EnsureMatches(resume.Manifest, data);
            }

            string runDir = RunFolder.Create(settings.Out, "train", started);
            using var result = TrainingConsole.Run(console, "training", p => HoldoutProtocol.Run(data, options, settings.TestSplit, resume, p, cancellationToken));
            resume = null; // owned by the result now
            var record = new Dictionary<string, string>(TrainingSettings.Record(options)) { ["test_split"] = settings.TestSplit.ToString(System.Globalization.CultureInfo.InvariantCulture), ["resume"] = settings.Resume ?? string.Empty };
            settings.RecordBias(record);
            var runContext = new RunContext
            {
                Verb = "train",
                Command = CommandLine.Of("train", context.Remaining.Raw),
                StartedUtc = started,
                WallSeconds = clock.Elapsed.TotalSeconds,
                Data = data,
                Settings = record,
            };
            var (report, _) = RunRecorder.Record(result, runContext, runDir);
            ReportConsole.Print(console, report, runDir);
            GeneralisationConsole.WriteFlagged(console, result, options, runDir);
            if (attributes is not null)
            {
                string description = settings.TestSplit > 0 ? "held-out test split" : "training images (no test split)";
                BiasConsole.AnalyzeAndWrite(console, result.Predictions, data.Classes, attributes, data.Paths, settings.BiasOptions(), runDir, runContext.Command, description, data.Root);
            }

            if (result.Cancelled)
            {
                console.MarkupLine("[yellow]Stopped early: the model holds the last complete epoch.[/]");
                return 130;
            }

            return 0;
        }
        finally
        {
            resume?.Dispose();
        }
    }
}
