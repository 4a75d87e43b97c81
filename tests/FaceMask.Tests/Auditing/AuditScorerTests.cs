using FaceMask.Auditing;
using Xunit;

namespace FaceMask.Tests.Auditing;

public sealed class AuditScorerTests
{
    // Reviews of AuditPlans.TwoClass: 1 a, 2 a, 3 b (labels right); 4 a (label b wrong, prediction b wrong);
    // 5 b (label a wrong, prediction b right); 6 b (label right, prediction a wrong).
    private static AuditReviews Reviews(params (int Item, int Label)[] extra)
    {
        var labels = new Dictionary<int, int> { [1] = 0, [2] = 0, [3] = 1, [4] = 0, [5] = 1, [6] = 1 };
        foreach (var (item, label) in extra)
        {
            labels[item] = label;
        }

        return new AuditReviews(labels, new HashSet<int>(), 0);
    }

    [Fact]
    public void WeightsEachReviewByItsStratum()
    {
        var report = AuditScorer.Score(AuditPlans.TwoClass(), Reviews(), bootstrap: 0);

        // Agreement weight 90/4 = 22.5, disagreement weight 10/2 = 5. Reviewed-vs-predicted confusion:
        // a→a 45, a→b 22.5 (item 4), b→a 5 (item 6), b→b 22.5 + 5 (items 3, 5).
        Assert.Equal(100, report.Images);
        Assert.Equal(0.90, report.GivenAccuracy, 12);
        Assert.Equal(0.725, report.ReviewedAccuracy.Value, 12);
        Assert.Equal(0.275, report.LabelErrorRate.Value, 12);
        Assert.Equal(0.0, report.UnsureShare.Value, 12);
        var a = report.Classes[0];
        Assert.Equal(45.0 / 50, a.ReviewedPrecision.Value, 12);
        Assert.Equal(45.0 / 67.5, a.ReviewedRecall.Value, 12);
        Assert.Equal(2 * 0.9 * (45.0 / 67.5) / (0.9 + (45.0 / 67.5)), a.ReviewedF1.Value, 12);
        Assert.Equal(5.0 / 50, a.LabelErrorRate.Value, 12);
        Assert.Equal(22.5 / 50, report.Classes[1].LabelErrorRate.Value, 12);

        // Given labels: a precision 50/54, recall 50/56; b precision 40/46, recall 40/44.
        Assert.Equal(2 * 50.0 / (54 + 56), a.GivenF1, 12);
        Assert.Equal(((2 * 50.0 / (54 + 56)) + (2 * 40.0 / (46 + 44))) / 2, report.GivenMacroF1, 12);

        Assert.Equal([4, 5], report.Relabelled.Select(f => f.Item));
        Assert.Equal("a", report.Relabelled[0].Reviewed);
        Assert.Equal(3, report.Strata[0].LabelRight);
        Assert.Equal(1, report.Strata[1].PredictionRight);
    }

    [Fact]
    public void AgreeingWithEveryLabelReproducesTheGivenScores()
    {
        var agreeing = Reviews((4, 1), (5, 0));
        var report = AuditScorer.Score(AuditPlans.TwoClass(), agreeing, bootstrap: 200);
        Assert.Equal(report.GivenAccuracy, report.ReviewedAccuracy.Value, 12);
        Assert.Equal(0.0, report.LabelErrorRate.Value, 12);
        Assert.Empty(report.Relabelled);
    }

    [Fact]
    public void UnsureItemsKeepTheirLabelAndAreCounted()
    {
        var reviews = Reviews() with { Unsure = new HashSet<int> { 7 } };
        var report = AuditScorer.Score(AuditPlans.TwoClass(withSeventh: true), reviews, bootstrap: 0);

        // Agreement weight 90/5 = 18; item 7 (a, predicted a) keeps label a: a→a 54, a→b 18 (item 4), b→b 18 + 5, b→a 5.
        Assert.Equal(0.77, report.ReviewedAccuracy.Value, 12);
        Assert.Equal(0.23, report.LabelErrorRate.Value, 12);
        Assert.Equal(90.0 * 1 / 5 / 100, report.UnsureShare.Value, 12);
        Assert.Equal(7, Assert.Single(report.Undecided).Item);
        Assert.Equal(1, report.Strata[0].Unsure);
        Assert.Equal(4, report.Strata[0].Reviewed);
    }

    [Fact]
    public void BootstrapIntervalsSurroundTheEstimateAndCollapseForACensus()
    {
        var rows = AuditPlans.Rows(agree: 300, disagree: 60);
        var plan = AuditSampler.Draw(rows, ["a", "b", "c"], new AuditSampleOptions { Agreements = 40, Disagreements = 30 }, "run", null);
        // Every fifth reviewed image gets another class than its label.
        var labels = plan.Items.ToDictionary(i => i.Item, i => (Array.IndexOf(new[] { "a", "b", "c" }, i.Given) + (i.Item % 5 == 0 ? 1 : 0)) % 3);
        var report = AuditScorer.Score(plan, new AuditReviews(labels, new HashSet<int>(), 0), bootstrap: 300, seed: 1);
        Assert.InRange(report.ReviewedAccuracy.Value, report.ReviewedAccuracy.Low, report.ReviewedAccuracy.High);
        Assert.True(report.ReviewedAccuracy.High - report.ReviewedAccuracy.Low > 0.01);
        Assert.True(report.LabelErrorRate.Low > 0);
        var again = AuditScorer.Score(plan, new AuditReviews(labels, new HashSet<int>(), 0), bootstrap: 300, seed: 1);
        Assert.Equal(report.ReviewedAccuracy, again.ReviewedAccuracy);

        var census = AuditSampler.Draw(rows, ["a", "b", "c"], new AuditSampleOptions { Agreements = 300, Disagreements = 60 }, "run", null);
        var all = census.Items.ToDictionary(i => i.Item, i => (Array.IndexOf(new[] { "a", "b", "c" }, i.Given) + (i.Item % 5 == 0 ? 1 : 0)) % 3);
        var exact = AuditScorer.Score(census, new AuditReviews(all, new HashSet<int>(), 0), bootstrap: 100);
        Assert.Equal(exact.ReviewedAccuracy.Value, exact.ReviewedAccuracy.Low, 12);
        Assert.Equal(exact.ReviewedAccuracy.Value, exact.ReviewedAccuracy.High, 12);
    }

    [Fact]
    public void AStratumWithoutAReviewCannotBeScored()
    {
        var onlyAgreements = new AuditReviews(new Dictionary<int, int> { [1] = 0, [3] = 1 }, new HashSet<int> { 2 }, 3);
        var e = Assert.Throws<FaceMaskException>(() => AuditScorer.Score(AuditPlans.TwoClass(), onlyAgreements));
        Assert.Contains("disagreement", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheMarkdownNamesTheEstimatesAndTheChangedLabels()
    {
        var report = AuditScorer.Score(AuditPlans.TwoClass(), Reviews(), bootstrap: 0);
        string md = AuditMarkdownExporter.Render(report);
        Assert.Contains(@"| Accuracy | 90.00% | 72.50% \[72.50, 72.50\] |", md, StringComparison.Ordinal);
        Assert.Contains("**27.50% [27.50, 27.50]**", md, StringComparison.Ordinal);
        Assert.Contains("| 4 | b/4.png | b | a | b |", md, StringComparison.Ordinal);
    }
}
