using FaceMask.Bias;
using Xunit;

namespace FaceMask.Tests.Bias;

public sealed class GroupBalancingTests
{
    [Fact]
    public void EveryGroupClassCellCarriesTheSameWeight()
    {
        // f/class0: 6, f/class1: 2, m/class0: 3, m/class1: 1, unknown: 2
        int[] labels = [0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 1];
        string?[] groups = ["f", "f", "f", "f", "f", "f", "f", "f", "m", "m", "m", "m", null, null];
        var b = GroupBalancing.Weights("gender", labels, groups, ["class0", "class1"], maxWeight: 100);
        Assert.Equal(4, b.Cells.Count);
        Assert.Equal(2, b.Unknown);
        var totals = b.Cells.Select(c => c.Weight * c.Count).ToArray();
        foreach (double t in totals)
        {
            Assert.Equal(totals[0], t, 4);
        }

        double knownMean = Enumerable.Range(0, 12).Average(i => b.Weights[i]);
        Assert.Equal(1.0, knownMean, 5);
        Assert.Equal(1f, b.Weights[12]);
        Assert.Equal(1f, b.Weights[13]);
        Assert.Equal(0, b.Clipped);
    }

    [Fact]
    public void WeightsAreCappedAndStillAverageOne()
    {
        int[] labels = Enumerable.Repeat(0, 99).Append(1).ToArray();
        string?[] groups = Enumerable.Repeat<string?>("g", 100).ToArray();
        var b = GroupBalancing.Weights("g", labels, groups, ["a", "b"], maxWeight: 5);
        Assert.True(b.Weights.Max() <= 5.0001f);
        Assert.Equal(1.0, b.Weights.Average(w => (double)w), 5);
        Assert.Equal(1, b.Clipped);
    }

    [Fact]
    public void NothingKnownIsRefused()
    {
        var e = Assert.Throws<FaceMaskException>(() => GroupBalancing.Weights("gender", [0, 1], [null, null], ["a", "b"]));
        Assert.Contains("no image has a known 'gender'", e.Message, StringComparison.Ordinal);
    }
}
