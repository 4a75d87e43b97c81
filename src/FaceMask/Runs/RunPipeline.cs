using System.Diagnostics;
using System.Globalization;
using FaceMask.Bias;
using FaceMask.Cleaning;
using FaceMask.Data;
using FaceMask.Detection;
using FaceMask.Evaluation;
using FaceMask.Features;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Reporting;

namespace FaceMask.Runs;

/// <summary>
/// The runs of <c>facemask train</c>, <c>kfold</c>, <c>evaluate</c> and <c>bias</c>: checks the options, loads the
/// data, trains or evaluates, writes the run folder (model, report.json, report.md, predictions.csv, plots) and, with
/// group labels, the bias analysis. Prints nothing: it tells an <see cref="IRunObserver"/> what happens.
/// </summary>
public static class RunPipeline
{
    private static readonly IRunObserver Silent = new SilentObserver();

    /// <summary>Stratified hold-out training, or more epochs for the saved model <see cref="TrainRunOptions.Resume"/>.</summary>
    /// <param name="options">The run's options.</param>
    /// <param name="command">The command line, for the record.</param>
    /// <param name="observer">Told what happens (default: nobody).</param>
    /// <param name="cancellationToken">Stops training after the current batch; the model keeps the last complete epoch.</param>
    /// <exception cref="FaceMaskException">The options do not go together, or the data or a model cannot be used.</exception>
    public static RunOutcome Train(TrainRunOptions options, string command, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        observer ??= Silent;
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        TrainedModel? resume = options.Resume is null ? null : ModelStore.Load(options.Resume);
        try
        {
            // A resumed model keeps its own architecture, head and normalisation.
            var experiment = resume is null
                ? options.ExperimentOptions()
                : options.ExperimentOptions(resume.Manifest.Arch) with { Head = resume.Manifest.Head, Tune = resume.Manifest.Tune, Normalization = resume.Manifest.Normalization };
            // A resumed face-crop model gets whole images' faces cropped as predict crops them (a face-cropped copy as it is).
            using var faces = resume is null ? null : FaceCropPreparer.For(resume.Manifest, options.RequireData());
            var load = (resume is null ? options.LoadOptions() : options.LoadOptions(resume.Manifest)) with { Preparer = faces };
            var attributes = options.LoadAttributes();
            var data = Load(options.RequireData(), load, observer, cancellationToken);
            experiment = Balance(options, attributes, data, experiment, observer);
            if (resume is not null)
            {
                ModelCompatibility.EnsureMatches(resume.Manifest, data);
            }

            string runDir = RunFolder.Create(options.Out, "train", started);
            using var result = observer.Training("training", p => HoldoutProtocol.Run(data, experiment, options.TestSplit, resume, p, cancellationToken));
            resume = null; // owned by the result now
            var record = new Dictionary<string, string>(TrainingRunOptions.Record(experiment))
            {
                ["test_split"] = options.TestSplit.ToString(CultureInfo.InvariantCulture),
                ["resume"] = options.Resume ?? string.Empty,
            };
            options.RecordBias(record);
            var report = Record(result, Context("train", command, started, clock, data, record), runDir, null, observer);
            WriteFlagged(result, experiment, runDir, observer);
            BiasReport? bias = null;
            if (attributes is not null)
            {
                string description = options.TestSplit > 0 ? "held-out test split" : "training images (no test split)";
                bias = AnalyzeBias(result.Predictions, data.Classes, attributes, data.Paths, options.BiasOptions(), runDir, command, description, data.Root, null, observer);
            }

            return new RunOutcome { RunDirectory = runDir, Report = report, Bias = bias, Cancelled = result.Cancelled };
        }
        finally
        {
            resume?.Dispose();
        }
    }

    /// <summary>Stratified (optionally grouped, or leave-one-group-out) k-fold cross-validation.</summary>
    /// <param name="options">The run's options.</param>
    /// <param name="command">The command line, for the record.</param>
    /// <param name="observer">Told what happens (default: nobody).</param>
    /// <param name="cancellationToken">Stops training after the current batch.</param>
    /// <exception cref="FaceMaskException">The options do not go together, or the data cannot be used.</exception>
    public static RunOutcome KFold(KFoldRunOptions options, string command, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        observer ??= Silent;
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        options.Validate();
        int folds = options.Folds ?? KFoldRunOptions.DefaultFolds;
        var experiment = options.ExperimentOptions() with { LeaveOneGroupOut = options.LeaveOneGroupOut };
        var attributes = options.LoadAttributes();
        var data = Load(options.RequireData(), options.LoadOptions(), observer, cancellationToken);
        experiment = Balance(options, attributes, data, experiment, observer);
        if (options.Groups is not null)
        {
            var table = GroupTable.Load(options.Groups, options.GroupColumn);
            string[] groups = table.Resolve(data.Paths, out int missing);
            if (missing > 0)
            {
                observer.GroupsMissing(missing, options.Groups);
            }

            experiment = experiment with { Groups = groups };
        }

        string runDir = RunFolder.Create(options.Out, "kfold", started);
        using var result = observer.Training("k-fold", p => KFoldProtocol.Run(data, experiment, folds, p, cancellationToken));
        var record = TrainingRunOptions.Record(experiment);
        record["folds"] = (result.FoldGroups?.Count ?? folds).ToString(CultureInfo.InvariantCulture);
        if (result.FoldGroups is { } held)
        {
            record["leave_one_group_out"] = string.Join(';', held.Select((g, i) => $"{i + 1}={g}"));
        }

        record["groups"] = options.Groups is null ? string.Empty : $"{options.Groups}:{options.GroupColumn}";
        options.RecordBias(record);
        var report = Record(result, Context("kfold", command, started, clock, data, record), runDir, null, observer);
        WriteFlagged(result, experiment, runDir, observer);
        var bias = attributes is null
            ? null
            : AnalyzeBias(result.Predictions, data.Classes, attributes, data.Paths, options.BiasOptions(), runDir, command, "out-of-fold predictions (k-fold)", data.Root, null, observer);
        return new RunOutcome { RunDirectory = runDir, Report = report, Bias = bias, Cancelled = result.Cancelled };
    }

    /// <summary>A saved model (default: the shipped one) on a labelled folder, written as a run folder.</summary>
    /// <param name="options">The run's options.</param>
    /// <param name="command">The command line, for the record.</param>
    /// <param name="observer">Told what happens (default: nobody).</param>
    /// <param name="cancellationToken">Stops loading the data.</param>
    /// <exception cref="FaceMaskException">The model or the data cannot be used.</exception>
    public static RunOutcome Evaluate(EvaluateRunOptions options, string command, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        observer ??= Silent;
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        string modelDirectory = ModelStore.ResolveDirectory(options.Model);
        using var model = ModelStore.Load(modelDirectory);
        if (options.Size is { } size && size != model.Manifest.InputSize)
        {
            throw new FaceMaskException($"--size {size}: the model at {modelDirectory} expects {model.Manifest.InputSize} px");
        }

        // A face-crop model gets each whole image's best face, cropped as predict crops it (a face-cropped copy as it is).
        string dataRoot = options.RequireData();
        using var faces = FaceCropPreparer.For(model.Manifest, dataRoot);
        var data = Load(dataRoot, options.LoadOptions(model.Manifest) with { Preparer = faces }, observer, cancellationToken);
        string runDir = RunFolder.Create(options.Out, "evaluate", started);
        using var result = EvaluationProtocol.Run(model, data);
        var settings = new Dictionary<string, string> { ["model"] = Path.GetFullPath(modelDirectory) };
        var report = Record(result, Context("evaluate", command, started, clock, data, settings), runDir, model.Manifest, observer);
        return new RunOutcome { RunDirectory = runDir, Report = report };
    }

    /// <summary>
    /// Per-group evaluation with gaps and intervals: of a saved model on a dataset (or on a folder layout's own
    /// images), or of an existing run folder's predictions.
    /// </summary>
    /// <param name="options">The run's options.</param>
    /// <param name="command">The command line, for the record.</param>
    /// <param name="observer">Told what happens (default: nobody).</param>
    /// <param name="cancellationToken">Stops loading or predicting the images.</param>
    /// <exception cref="FaceMaskException">The options do not go together, or the model, data or attributes cannot be used.</exception>
    public static RunOutcome Bias(BiasRunOptions options, string command, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        observer ??= Silent;
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        options.Validate();
        var attributes = options.LoadAttributes();
        var biasOptions = options.ValidBiasOptions();
        if (options.Run is { } run)
        {
            var (labels, rows) = PredictionsCsvReader.Read(run);
            string? root = File.Exists(Path.Combine(run, "report.json")) ? ReportJson.Read(run).Data?.Root : null;

            // Coverage is judged against the whole dataset when it is still there (a hold-out run predicts only its test split).
            IReadOnlyList<string> paths = root is not null && Directory.Exists(root)
                ? ImageFolder.Discover(root).Entries.Select(e => e.RelativePath).ToArray()
                : rows.Select(r => r.Path).ToArray();
            string runFolder = RunFolder.Create(options.Out, "bias", started);
            var analysis = AnalyzeBias(rows, labels, attributes, paths, biasOptions, runFolder, command, $"predictions of run {Path.GetFullPath(run)}", root, null, observer);
            return new RunOutcome { RunDirectory = runFolder, Bias = analysis };
        }

        string modelDirectory = options.Model!;
        using var model = ModelStore.Load(modelDirectory);
        if (options.Size is { } size && size != model.Manifest.InputSize)
        {
            throw new FaceMaskException($"--size {size}: the model at {modelDirectory} expects {model.Manifest.InputSize} px");
        }

        // A face-crop model gets each whole image's best face, cropped as predict crops it (a face-cropped copy as it is).
        using var faces = FaceCropPreparer.For(model.Manifest, options.Data ?? attributes.Source);
        var load = options.LoadOptions(model.Manifest.InputSize, ResizeModeNames.Parse(model.Manifest.Resize)) with { Preparer = faces };
        ExperimentResult result;
        IReadOnlyList<string> datasetPaths;
        LoadedDataset? data = null;
        string description;
        if (options.Data is not null)
        {
            data = Load(options.Data, options.LoadOptions(model.Manifest) with { Preparer = faces }, observer, cancellationToken);
            result = EvaluationProtocol.Run(model, data);
            datasetPaths = data.Paths;
            description = "every image of the dataset, predicted by the saved model";
        }
        else
        {
            var layout = LayoutEvaluation.Predict(model, attributes, load, cancellationToken);
            observer.Skipped(layout.Skipped);
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
            string runDir = RunFolder.Create(options.Out, "bias", started);
            var settings = new Dictionary<string, string> { ["model"] = Path.GetFullPath(modelDirectory), ["attributes"] = options.Attributes! };
            var report = Record(result, Context("bias", command, started, clock, data, settings), runDir, model.Manifest, observer);
            var bias = AnalyzeBias(result.Predictions, result.Labels, attributes, datasetPaths, biasOptions, runDir, command, description,
                data?.Root ?? attributes.Source, Path.GetFullPath(modelDirectory), observer);
            return new RunOutcome { RunDirectory = runDir, Report = report, Bias = bias };
        }
    }

    private static LoadedDataset Load(string root, DatasetLoadOptions load, IRunObserver observer, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var data = DatasetLoader.Load(root, load, observer.Loading(load), cancellationToken);
        observer.Loaded(data, clock.Elapsed);
        return data;
    }

    /// <summary>Applies <see cref="TrainingRunOptions.BalanceBy"/> to the experiment (when given) and tells the weights.</summary>
    private static ExperimentOptions Balance(TrainingRunOptions options, GroupAttributes? attributes, LoadedDataset data, ExperimentOptions experiment, IRunObserver observer)
    {
        if (options.BalanceBy is not { } by || attributes is null)
        {
            return experiment;
        }

        var groups = attributes.Match(data.Paths).Attribute(by).Groups;
        var balance = GroupBalancing.Weights(by, data.Labels, groups, data.Classes, options.MaxWeight);
        observer.Balanced(balance);
        return experiment with { Training = experiment.Training with { SampleWeights = balance.Weights } };
    }

    private static RunContext Context(string verb, string command, DateTime started, Stopwatch clock, LoadedDataset? data, Dictionary<string, string> settings) => new()
    {
        Verb = verb,
        Command = command,
        StartedUtc = started,
        WallSeconds = clock.Elapsed.TotalSeconds,
        Data = data,
        Settings = settings,
    };

    private static RunReport Record(ExperimentResult result, RunContext context, string runDirectory, ModelManifest? evaluatedModel, IRunObserver observer)
    {
        var (report, _) = RunRecorder.Record(result, context, runDirectory, evaluatedModel);
        observer.Recorded(report, result, runDirectory);
        return report;
    }

    /// <summary>When labels were cleaned: writes <c>flagged_labels.csv</c> into the run folder.</summary>
    private static void WriteFlagged(ExperimentResult result, ExperimentOptions experiment, string runDirectory, IRunObserver observer)
    {
        if (experiment.CleanTrainLabels is null)
        {
            return;
        }

        string path = Path.Combine(runDirectory, FlaggedLabelsCsv.FileName);
        FlaggedLabelsCsv.Write(path, result.FlaggedLabels, result.Labels);
        observer.LabelsFlagged(result, path);
    }

    /// <summary>Runs the analysis on a run's predictions and writes the bias files.</summary>
    private static BiasReport AnalyzeBias(
        IReadOnlyList<PredictionRow> predictions,
        IReadOnlyList<string> labels,
        GroupAttributes attributes,
        IReadOnlyList<string> datasetPaths,
        BiasOptions options,
        string runDirectory,
        string command,
        string description,
        string? dataRoot,
        string? model,
        IRunObserver observer)
    {
        var report = BiasRun.Analyze(predictions, labels, attributes, datasetPaths, options) with
        {
            Command = command,
            Predictions = description,
            DataRoot = dataRoot,
            Model = model,
        };
        BiasFolder.Write(report, runDirectory);
        observer.BiasWritten(report, runDirectory);
        return report;
    }

    private sealed class SilentObserver : IRunObserver;
}
