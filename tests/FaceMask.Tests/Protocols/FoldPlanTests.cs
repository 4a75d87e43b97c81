using FaceMask.Protocols;
using FaceMask.Tests.Support;
using FaceMask.Training;
using Xunit;

namespace FaceMask.Tests.Protocols;

public sealed class FoldPlanTests
{
    [Fact]
    public void LeaveOneGroupOutMakesOneFoldPerGroupInOrdinalOrder()
    {
        string[] groups = ["smit", "acol", "smit", "rman", "acol", "smit"];
        var plan = FoldPlan.LeaveOneGroupOut(groups);
        Assert.Equal(["acol", "rman", "smit"], plan.HeldOutGroups);
        Assert.Equal([1, 4], plan.TestFolds[0]);
        Assert.Equal([3], plan.TestFolds[1]);
        Assert.Equal([0, 2, 5], plan.TestFolds[2]);
    }

    [Fact]
    public void LeaveOneGroupOutNeedsTwoGroups()
    {
        var error = Assert.Throws<FaceMaskException>(() => FoldPlan.LeaveOneGroupOut(["a", "a", "a"]));
        Assert.Contains("at least 2 distinct groups", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LeaveOneGroupOutWithoutGroupsIsRefused()
    {
        var noisy = NoisyFeatures.Create(classes: 2, perClass: 5, flipShare: 0);
        var options = new ExperimentOptions { LeaveOneGroupOut = true };
        var error = Assert.Throws<FaceMaskException>(() => FoldPlan.Create(noisy.Data, options, 3));
        Assert.Contains("--groups", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KFoldHoldsOutEachSourceInTurn()
    {
        var noisy = NoisyFeatures.Create(classes: 3, perClass: 12, flipShare: 0);
        string[] sources = Enumerable.Range(0, noisy.Data.Count).Select(i => i % 3 == 0 ? "north" : i % 3 == 1 ? "east" : "south").ToArray();
        var options = new ExperimentOptions
        {
            Arch = "resnet18",
            Groups = sources,
            LeaveOneGroupOut = true,
            Training = new TrainingOptions { Epochs = 5, BatchSize = 16, Threads = 1 },
        };
        using var result = KFoldProtocol.Run(noisy.Data, options, folds: 10);
        Assert.Equal(["east", "north", "south"], result.FoldGroups);
        Assert.Equal(3, result.Folds.Count);
        Assert.Equal(noisy.Data.Count, result.Predictions.Count);
        foreach (var row in result.Predictions)
        {
            int index = noisy.Data.Paths.ToList().IndexOf(row.Path);
            Assert.Equal(result.FoldGroups![row.Fold!.Value - 1], sources[index]);
        }
    }
}
