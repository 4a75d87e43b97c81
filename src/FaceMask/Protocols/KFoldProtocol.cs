using System.Diagnostics;
using FaceMask.Cleaning;
using FaceMask.Data;
using FaceMask.Evaluation;
using FaceMask.Training;

namespace FaceMask.Protocols;

/// <summary>
/// Stratified, shuffled, seeded k-fold cross-validation (the original "new model" protocol): a fresh model per fold,
/// per-fold metrics, their mean and sd, and the pooled report over all out-of-fold predictions.
/// With groups, every group stays inside one fold; with <see cref="ExperimentOptions.LeaveOneGroupOut"/> each fold is one
/// group. With <see cref="ExperimentOptions.CleanTrainLabels"/> each fold's training images (never its test images)
/// are checked for label issues first. The train-set report is the last fold's model on its own
/// training images (predicting every fold's training set again would add about 5 % to the run's time).
/// </summary>
internal static class KFoldProtocol
{
    /// <summary>Runs every fold. The returned model is the last fold's.</summary>
    public static ExperimentResult Run(
        LoadedDataset data,
        ExperimentOptions options,
        int folds,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options.Validate();
        var plan = FoldPlan.Create(data, options, folds);
        int[][] testFolds = plan.TestFolds;
        var flagged = new List<FlaggedLabel>();

        var outcomes = new List<FoldOutcome>();
        var oof = new List<PredictionRow>();
        ClassificationReport? trainReport = null;
        var history = new List<EpochResult>();
        Models.TrainedModel? last = null;
        bool cancelled = false;
        try
        {
            for (int f = 0; f < testFolds.Length; f++)
            {
                var clock = Stopwatch.StartNew();
                int[] test = testFolds[f];
                int[] train = DataSplitter.Complement(test, data.Count);
                if (options.CleanTrainLabels is { } cleaning)
                {
                    var cleaned = LabelCleaner.Clean(data, options with { Training = options.Training with { Seed = options.Training.Seed + f } }, cleaning, train, f + 1, cancellationToken);
                    train = cleaned.Kept;
                    flagged.AddRange(cleaned.Flagged);
                }

                if (last is not null)
                {
                    // What the previous fold left to the garbage collector (the backbone file parsed to build its
                    // network, tensors released by finalisers) otherwise piles up: +120 MB a fold of 1,200 face crops
                    // at 224 px (bench/results/finetune-memory.json). A full collection between folds is cheap.
                    last.Dispose();
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                }

                last = ModelRunner.CreateModel(data, options with { Training = options.Training with { Seed = options.Training.Seed + f } });
                var trainingOptions = options.Training with
                {
                    Seed = options.Training.Seed + f,
                    SampleWeights = ModelRunner.SubsetWeights(options.Training.SampleWeights, train),
                };
                TrainingResult result;
                using (var trainSet = ModelRunner.Inputs(data, options.Arch, train, options.Normalization))
                using (var testSet = ModelRunner.Inputs(data, options.Arch, test, options.Normalization))
                {
                    result = new Trainer(trainingOptions, options.Normalization).Train(last.Network, trainSet, testSet, f + 1, progress, cancellationToken);
                }

                history.AddRange(result.History);
                if (result.Cancelled)
                {
                    cancelled = true;
                    if (result.CompletedEpochs == 0)
                    {
                        break;
                    }
                }

                var testRows = ModelRunner.Predict(last, data, test, f + 1, result.ValidationProbabilities);
                oof.AddRange(testRows);
                var testReport = ModelRunner.Report(testRows, data.Classes);
                bool lastFold = f == testFolds.Length - 1 || cancelled;
                if (lastFold)
                {
                    trainReport = ModelRunner.Report(ModelRunner.Predict(last, data, train, f + 1), data.Classes);
                }

                outcomes.Add(new FoldOutcome(f + 1, testReport, train.Length, result.History, clock.Elapsed.TotalSeconds));
                last.Manifest = ModelRunner.Manifest(data, options with { Training = trainingOptions }, result.CompletedEpochs, testReport);
                if (cancelled)
                {
                    break;
                }
            }

            if (outcomes.Count == 0)
            {
                throw new OperationCanceledException("stopped before the first epoch of the first fold finished");
            }

            oof.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
            return new ExperimentResult
            {
                Labels = data.Classes,
                Test = ModelRunner.Report(oof, data.Classes),
                Train = trainReport,
                Predictions = oof,
                History = history,
                Folds = outcomes,
                Summary = FoldSummary.From(outcomes.Select(o => o.Metrics).ToList()),
                Model = last,
                FoldGroups = plan.HeldOutGroups,
                FlaggedLabels = flagged,
                Cancelled = cancelled,
            };
        }
        catch
        {
            last?.Dispose();
            throw;
        }
    }
}
