using FaceMask.Cleaning;
using FaceMask.Evaluation;
using FaceMask.Protocols;
using FaceMask.Tests.Support;
using FaceMask.Training;
using Xunit;

namespace FaceMask.Tests.Cleaning;

public sealed class LabelCleanerTests
{
    private static ExperimentOptions Options(bool clean) => new()
    {
        Arch = "resnet18",
        Training = new TrainingOptions { Epochs = 8, BatchSize = 32, Threads = 1, Seed = 1 },
        CleanTrainLabels = clean ? new LabelCleaningOptions { InnerFolds = 4 } : null,
    };

    [Fact]
    public void FlippedLabelsAreFoundAndFewCleanOnesAreFlagged()
    {
        var noisy = NoisyFeatures.Create(classes: 3, perClass: 60, flipShare: 0.1);
        int[] train = Enumerable.Range(0, noisy.Data.Count).ToArray();
        var result = LabelCleaner.Clean(noisy.Data, Options(true), new LabelCleaningOptions { InnerFolds = 4 }, train, fold: null);
        var flagged = result.Flagged.Select(f => Array.IndexOf(noisy.Data.Paths.ToArray(), f.Path)).ToHashSet();
        int found = flagged.Count(noisy.Flipped.Contains);
        Assert.True(found >= 0.8 * noisy.Flipped.Count, $"found {found} of {noisy.Flipped.Count} flipped labels");
        Assert.True(flagged.Count - found <= 0.03 * noisy.Data.Count, $"{flagged.Count - found} clean labels flagged");
        Assert.Equal(noisy.Data.Count - flagged.Count, result.Kept.Length);
        foreach (var f in result.Flagged.Where(f => noisy.Flipped.Contains(Array.IndexOf(noisy.Data.Paths.ToArray(), f.Path))))
        {
            Assert.Equal(noisy.TrueLabels[Array.IndexOf(noisy.Data.Paths.ToArray(), f.Path)], f.Suggested);
        }
    }

    [Fact]
    public void KFoldCleansTrainingFoldsOnlyAndScoresTheUntouchedTestFolds()
    {
        var noisy = NoisyFeatures.Create(classes: 3, perClass: 40, flipShare: 0.1);
        using var result = KFoldProtocol.Run(noisy.Data, Options(true), folds: 3);
        Assert.NotEmpty(result.FlaggedLabels);
        Assert.Equal(noisy.Data.Count, result.Predictions.Count);
        int[] testFoldOf = new int[noisy.Data.Count];
        var paths = noisy.Data.Paths.ToList();
        foreach (var row in result.Predictions)
        {
            int i = paths.IndexOf(row.Path);
            Assert.Equal(noisy.Data.Labels[i], row.Truth); // the test fold keeps its given (noisy) labels
            testFoldOf[i] = row.Fold!.Value;
        }

        foreach (var f in result.FlaggedLabels)
        {
            Assert.NotEqual(testFoldOf[paths.IndexOf(f.Path)], f.Fold); // removed only from training sets
        }

        int[] folds = DataSplitter.StratifiedKFold(noisy.Data.Labels, 3, 1).Select(t => t.Length).ToArray();
        Assert.Equal(folds, result.Folds.Select(f => f.Test.Support).ToArray());
        Assert.All(result.Folds, f => Assert.True(f.TrainCount < noisy.Data.Count - f.Test.Support, $"fold {f.Fold} trained on every training image"));
    }

    [Fact]
    public void HoldoutCleansOnlyItsTrainingSplit()
    {
        var noisy = NoisyFeatures.Create(classes: 3, perClass: 40, flipShare: 0.1);
        using var result = HoldoutProtocol.Run(noisy.Data, Options(true), testFraction: 0.3);
        Assert.NotEmpty(result.FlaggedLabels);
        var testPaths = result.Predictions.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(DataSplitter.StratifiedHoldout(noisy.Data.Labels, 0.3, 1).Test.Length, testPaths.Count);
        Assert.All(result.FlaggedLabels, f => Assert.DoesNotContain(f.Path, testPaths));
        Assert.All(result.FlaggedLabels, f => Assert.Null(f.Fold));
        Assert.Equal(noisy.Data.Count - testPaths.Count - result.FlaggedLabels.Count, result.Train!.Support);
    }

    [Fact]
    public void WithoutCleaningNothingIsFlaggedAndEveryTrainingImageIsUsed()
    {
        var noisy = NoisyFeatures.Create(classes: 3, perClass: 20, flipShare: 0.1);
        using var result = KFoldProtocol.Run(noisy.Data, Options(false), folds: 3);
        Assert.Empty(result.FlaggedLabels);
        Assert.All(result.Folds, f => Assert.Equal(noisy.Data.Count - f.Test.Support, f.TrainCount));
    }

    [Fact]
    public void InnerFoldsBelowTwoAreRefused()
    {
        var error = Assert.Throws<FaceMaskException>(() => new LabelCleaningOptions { InnerFolds = 1 }.Validate());
        Assert.Contains("--clean-folds", error.Message, StringComparison.Ordinal);
    }
}
