using FaceMask.Cleaning;
using FaceMask.Data;
using FaceMask.Evaluation;
using FaceMask.Models;
using FaceMask.Training;

namespace FaceMask.Protocols;

/// <summary>
/// The original "old model" protocol: a stratified, seeded hold-out split (default 70:30), train on one part,
/// report on both. With a test fraction of 0 the model trains on everything and is evaluated on its training data.
/// </summary>
internal static class HoldoutProtocol
{
    /// <summary>Trains (or, with <paramref name="resume"/>, continues training) and evaluates.</summary>
    public static ExperimentResult Run(
        LoadedDataset data,
        ExperimentOptions options,
        double testFraction,
        TrainedModel? resume = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (testFraction is < 0 or >= 1)
        {
            throw new FaceMaskException($"--test-split must be in [0, 1) (got {testFraction})");
        }

        (resume is null ? options : options with { Arch = resume.Manifest.Arch, Head = resume.Manifest.Head }).Validate();
        int[] train, test;
        if (testFraction > 0)
        {
            (train, test) = DataSplitter.StratifiedHoldout(data.Labels, testFraction, options.Training.Seed);
        }
        else
        {
            train = Enumerable.Range(0, data.Count).ToArray();
            test = [];
        }

        IReadOnlyList<FlaggedLabel> flagged = [];
        if (options.CleanTrainLabels is { } cleaning)
        {
            var cleaned = LabelCleaner.Clean(data, resume is null ? options : options with { Arch = resume.Manifest.Arch, Head = resume.Manifest.Head }, cleaning, train, null, cancellationToken);
            train = cleaned.Kept;
            flagged = cleaned.Flagged;
        }

        var model = resume ?? ModelRunner.CreateModel(data, options);
        try
        {
            var normalization = model.Manifest.Normalization;
            var trainingOptions = options.Training with { SampleWeights = ModelRunner.SubsetWeights(options.Training.SampleWeights, train) };
            string arch = model.Manifest.Arch;
            using var trainSet = ModelRunner.Inputs(data, arch, train, normalization);
            using var testSet = test.Length > 0 ? ModelRunner.Inputs(data, arch, test, normalization) : null;
            var result = new Trainer(trainingOptions, normalization).Train(model.Network, trainSet, testSet, null, progress, cancellationToken);

            var trainRows = ModelRunner.Predict(model, data, train, null);
            var testRows = test.Length > 0 ? ModelRunner.Predict(model, data, test, null, result.ValidationProbabilities) : trainRows;
            var trainReport = ModelRunner.Report(trainRows, data.Classes);
            var testReport = ModelRunner.Report(testRows, data.Classes);
            var modelOptions = options with { Arch = arch, Head = model.Manifest.Head, Normalization = normalization };
            model.Manifest = ModelRunner.Manifest(data, modelOptions, model.Manifest.Epochs + result.CompletedEpochs, testReport) with
            {
                Seed = options.Training.Seed,
                TrainingCounts = data.Classes.Select((c, i) => (c, n: train.Count(k => data.Labels[k] == i))).ToDictionary(x => x.c, x => x.n),
            };

            return new ExperimentResult
            {
                Labels = data.Classes,
                Test = testReport,
                Train = trainReport,
                Predictions = testRows,
                History = result.History,
                Model = model,
                FlaggedLabels = flagged,
                Cancelled = result.Cancelled,
            };
        }
        catch
        {
            if (resume is null)
            {
                model.Dispose();
            }

            throw;
        }
    }
}
