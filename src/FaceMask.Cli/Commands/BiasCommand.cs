using System.ComponentModel;
using System.Diagnostics;
using FaceMask.Bias;
using FaceMask.Cli.Rendering;
using FaceMask.Cli.Settings;
using FaceMask.Detection;
using FaceMask.Evaluation;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Reporting;
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
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        if (settings.Attributes is null)
        {
            throw new FaceMaskException("bias needs --attributes CSV|DIR");
        }

        if ((settings.Model is null) == (settings.Run is null))
        {
            throw new FaceMaskException("bias needs either --model DIR (with --data DIR, or a folder layout as --attributes) or --run RUN_DIR");
        }

        var attributes = GroupAttributes.Load(settings.Attributes, GroupSettings.Columns(settings.AttributeColumns));
        var options = settings.BiasOptions() with { Intersections = !settings.NoIntersections };
        options.Validate();
        string command = CommandLine.Of("bias", context.Remaining.Raw);

        if (settings.Run is { } run)
        {
            var (labels, rows) = PredictionsCsvReader.Read(run);
            string? root = File.Exists(Path.Combine(run, "report.json")) ? ReportJson.Read(run).Data?.Root : null;

            // Coverage is judged against the whole dataset when it is still there (a hold-out run predicts only its test split).
            IReadOnlyList<string> paths = root is not null && Directory.Exists(root)
                ? Data.ImageFolder.Discover(root).Entries.Select(e => e.RelativePath).ToArray()
                : rows.Select(r => r.Path).ToArray();
            string runDir = RunFolder.Create(settings.Out, "bias", started);
            BiasConsole.AnalyzeAndWrite(console, rows, labels, attributes, paths, options, runDir, command, $"predictions of run {Path.GetFullPath(run)}", root);
            return 0;
        }

        using var model = ModelStore.Load(settings.Model!);
        if (settings.Size is { } size && size != model.Manifest.InputSize)
        {
            throw new FaceMaskException($"--size {size}: the model at {settings.Model} expects {model.Manifest.InputSize} px");
        }

        // A face-crop model gets each whole image's best face, cropped as predict crops it (a face-cropped copy as it is).
        using var faces = FaceCropPreparer.For(model.Manifest, settings.Data ?? attributes.Source);
        var load = settings.LoadOptions(model.Manifest.InputSize, ResizeModeNames.Parse(model.Manifest.Resize)) with { Preparer = faces };
        ExperimentResult result;
        IReadOnlyList<string> datasetPaths;
        Data.LoadedDataset? data = null;
        string description;
        if (settings.Data is not null)
        {
            data = DataConsole.Load(console, settings.Data, settings.LoadOptions(model.Manifest) with { Preparer = faces }, cancellationToken);
            result = EvaluationProtocol.Run(model, data);
            datasetPaths = data.Paths;
            description = "every image of the dataset, predicted by the saved model";
        }
        else
        {
            var layout = LayoutEvaluation.Predict(model, attributes, load, cancellationToken);
            DataConsole.PrintSkipped(console, layout.Skipped);
            var labels = model.Manifest.Classes;
            result = new ExperimentResult
            {
                Labels = labels,
                Test = ClassificationReport.Compute(layout.Rows.Select(r => r.Truth).ToArray(), layout.Rows.Select(r => r.Predicted).ToArray(), labels),
                Predictions = layout.Rows,
            };
            datasetPaths = layout.Rows.Select(r => r.Path).ToArray();
            description = "the images of the folder layout, predicted by the saved model";
        }

        using (result)
        {
            string runDir = RunFolder.Create(settings.Out, "bias", started);
            var runContext = new RunContext
            {
                Verb = "bias",
                Command = command,
                StartedUtc = started,
                WallSeconds = clock.Elapsed.TotalSeconds,
                Data = data,
                Settings = new Dictionary<string, string> { ["model"] = Path.GetFullPath(settings.Model!), ["attributes"] = settings.Attributes },
            };
            var (report, _) = RunRecorder.Record(result, runContext, runDir, model.Manifest);
            ReportConsole.Print(console, report, runDir);
            BiasConsole.AnalyzeAndWrite(console, result.Predictions, result.Labels, attributes, datasetPaths, options, runDir, command, description,
                data?.Root ?? attributes.Source, Path.GetFullPath(settings.Model!));
        }

        return 0;
    }
}
