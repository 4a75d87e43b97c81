using FaceMask.Data;
using FaceMask.Evaluation;
using FaceMask.Protocols;
using FaceMask.Training;

namespace FaceMask.Cleaning;

/// <summary>
/// Removes likely mislabelled images from a training set, looking at nothing else: an inner stratified k-fold of the
/// same model (architecture, head, epochs, batch, learning rate) over the training images gives every one of them an
/// out-of-sample probability per class, and <see cref="ConfidentLearning"/> flags the images whose given label it
/// doubts. The caller's test images are not an input, so they can never be cleaned.
/// </summary>
internal static class LabelCleaner
{
    /// <summary>
    /// Checks the labels of the training images <paramref name="train"/> (dataset indices) and returns those to keep.
    /// When a class of the training set has fewer than two images nothing is checked and everything is kept.
    /// </summary>
    /// <param name="data">The dataset.</param>
    /// <param name="options">The experiment; its training seed seeds the inner folds and models, its sample weights (over the whole dataset) are used.</param>
    /// <param name="cleaning">Inner folds.</param>
    /// <param name="train">The training images.</param>
    /// <param name="fold">The outer fold, recorded in the flagged rows.</param>
    /// <param name="cancellationToken">Stops between inner folds and batches.</param>
    public static LabelCleaningResult Clean(
        LoadedDataset data,
        ExperimentOptions options,
        LabelCleaningOptions cleaning,
        int[] train,
        int? fold,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cleaning);
        ArgumentNullException.ThrowIfNull(train);
        cleaning.Validate();
        int[] given = train.Select(i => data.Labels[i]).ToArray();
        int smallest = given.GroupBy(label => label).Min(g => g.Count());
        int innerFolds = Math.Min(cleaning.InnerFolds, smallest);
        if (innerFolds < 2)
        {
            return new LabelCleaningResult(train, []);
        }

        int seed = options.Training.Seed;
        var probabilities = new float[train.Length][];
        int[][] inner = DataSplitter.StratifiedKFold(given, innerFolds, seed);
        for (int k = 0; k < inner.Length; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int[] innerTest = inner[k];
            int[] innerTrain = DataSplitter.Complement(innerTest, train.Length);
            int[] trainRows = innerTrain.Select(i => train[i]).ToArray();
            var innerOptions = options with { Training = options.Training with { Seed = unchecked((seed * 31) + k + 1) } };
            using var model = ModelRunner.CreateModel(data, innerOptions);
            using (var set = ModelRunner.Inputs(data, options.Arch, trainRows, options.Normalization))
            {
                var training = innerOptions.Training with { SampleWeights = ModelRunner.SubsetWeights(options.Training.SampleWeights, trainRows) };
                var result = new Trainer(training, options.Normalization).Train(model.Network, set, null, null, null, cancellationToken);
                if (result.Cancelled)
                {
                    throw new OperationCanceledException("stopped while checking the training labels");
                }
            }

            var rows = ModelRunner.Predict(model, data, innerTest.Select(i => train[i]).ToArray(), null);
            for (int j = 0; j < innerTest.Length; j++)
            {
                probabilities[innerTest[j]] = rows[j].Probabilities;
            }
        }

        int[] confident = ConfidentLearning.ConfidentClasses(probabilities, given, data.Classes.Count);
        var kept = new List<int>(train.Length);
        var flagged = new List<FlaggedLabel>();
        for (int i = 0; i < train.Length; i++)
        {
            if (confident[i] < 0 || confident[i] == given[i])
            {
                kept.Add(train[i]);
            }
            else
            {
                float[] p = probabilities[i];
                flagged.Add(new FlaggedLabel(data.Paths[train[i]], given[i], confident[i], p[given[i]], p[confident[i]], fold));
            }
        }

        return new LabelCleaningResult(kept.ToArray(), flagged);
    }
}
