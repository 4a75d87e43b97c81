using FaceMask.Auditing;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Auditing;

public sealed class AuditSamplerTests
{
    private static readonly string[] Labels = ["a", "b", "c"];

    [Fact]
    public void DrawsFromEachStratumAndTakesAllOfASmallOne()
    {
        var rows = AuditPlans.Rows(agree: 30, disagree: 10);
        var plan = AuditSampler.Draw(rows, Labels, new AuditSampleOptions { Agreements = 5, Disagreements = 20, Seed = 3 }, "run", "root");

        Assert.Equal(15, plan.Items.Count);
        Assert.Equal(Enumerable.Range(1, 15), plan.Items.Select(i => i.Item));
        Assert.Equal(5, plan.Items.Count(i => i.Stratum == AuditStratum.Agreement));
        Assert.Equal(10, plan.Items.Count(i => i.Stratum == AuditStratum.Disagreement));
        Assert.All(plan.Items, i => Assert.Equal(i.Given == i.Predicted, i.Stratum == AuditStratum.Agreement));
        Assert.Equal(15, plan.Items.Select(i => i.Path).Distinct().Count());
        Assert.Equal(new AuditPopulation(AuditStratum.Agreement, 30, 5), plan.Population(AuditStratum.Agreement));
        Assert.Equal(new AuditPopulation(AuditStratum.Disagreement, 10, 10), plan.Population(AuditStratum.Disagreement));
        Assert.Equal(40, plan.Confusion.Sum(r => r.Sum()));
        Assert.Equal(30, Enumerable.Range(0, 3).Sum(c => plan.Confusion[c][c]));
    }

    [Fact]
    public void TheStrataAreMixedOnTheSheets()
    {
        var rows = AuditPlans.Rows(agree: 200, disagree: 200);
        var plan = AuditSampler.Draw(rows, Labels, new AuditSampleOptions { Agreements = 20, Disagreements = 20 }, "run", null);
        var firstHalf = plan.Items.Take(20).Count(i => i.Stratum == AuditStratum.Agreement);
        Assert.InRange(firstHalf, 4, 16);
    }

    [Fact]
    public void TheSeedFixesTheDraw()
    {
        var rows = AuditPlans.Rows(agree: 100, disagree: 50);
        var options = new AuditSampleOptions { Agreements = 10, Disagreements = 10, Seed = 7 };
        var first = AuditSampler.Draw(rows, Labels, options, "run", null).Items.Select(i => i.Path).ToArray();
        var again = AuditSampler.Draw(rows, Labels, options, "run", null).Items.Select(i => i.Path).ToArray();
        var other = AuditSampler.Draw(rows, Labels, options with { Seed = 8 }, "run", null).Items.Select(i => i.Path).ToArray();
        Assert.Equal(first, again);
        Assert.NotEqual(first.Order(), other.Order());
    }

    [Fact]
    public void RefusesUnlabelledPredictionsAndBadCounts()
    {
        var rows = AuditPlans.Rows(agree: 3, disagree: 1).Append(new global::FaceMask.Protocols.PredictionRow("x/unlabelled.png", -1, 0, [1f, 0f, 0f])).ToArray();
        var e = Assert.Throws<FaceMaskException>(() => AuditSampler.Draw(rows, Labels, new AuditSampleOptions(), "runs/p", null));
        Assert.Contains("x/unlabelled.png", e.Message, StringComparison.Ordinal);
        Assert.Contains("runs/p", e.Message, StringComparison.Ordinal);

        Assert.Throws<FaceMaskException>(() => new AuditSampleOptions { Agreements = -1 }.Validate());
        Assert.Throws<FaceMaskException>(() => new AuditSampleOptions { Agreements = 0, Disagreements = 0 }.Validate());
        Assert.Throws<FaceMaskException>(() => AuditSampler.Draw([], Labels, new AuditSampleOptions(), "runs/empty", null));
    }

    [Fact]
    public void APlanRoundTripsThroughItsFileAndACorruptOneIsNamed()
    {
        using var temp = new Support.TempDirectory();
        var plan = AuditSampler.Draw(AuditPlans.Rows(20, 6), Labels, new AuditSampleOptions { Agreements = 4, Disagreements = 3 }, "run", "root");
        plan.Write(temp.Path);
        var back = AuditPlan.Read(temp.Path);
        Assert.Equal(plan.Items, back.Items);
        Assert.Equal(plan.Populations, back.Populations);
        Assert.Contains("\"disagreement\"", File.ReadAllText(temp[AuditPlan.FileName]), StringComparison.Ordinal);

        File.WriteAllText(temp[AuditPlan.FileName], File.ReadAllText(temp[AuditPlan.FileName]).Replace("\"drawn\": 4", "\"drawn\": 5", StringComparison.Ordinal));
        var e = Assert.Throws<FaceMaskException>(() => AuditPlan.Read(temp.Path));
        Assert.Contains(AuditPlan.FileName, e.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<FaceMaskException>(() => AuditPlan.Read(temp["nowhere"]));
        Assert.Contains("audit sample", missing.Message, StringComparison.Ordinal);
    }
}
