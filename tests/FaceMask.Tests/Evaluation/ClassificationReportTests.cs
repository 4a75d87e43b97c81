using FaceMask.Evaluation;
using Xunit;

namespace FaceMask.Tests.Evaluation;

public sealed class ClassificationReportTests
{
    [Fact]
    public void HandComputedSmallCase()
    {
        // truth 0 0 0 1 1 2, predicted 0 0 1 1 2 2; class 2 predicted twice, right once.
        var r = ClassificationReport.Compute([0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2], ["a", "b", "c"]);
        Assert.Equal(4.0 / 6, r.Accuracy, 15);
        Assert.Equal(6, r.Support);
        Assert.Equal("a", r.PerClass[0].Label);
        Assert.Equal(1.0, r.PerClass[0].Precision);
        Assert.Equal(2.0 / 3, r.PerClass[0].Recall, 15);
        Assert.Equal(0.8, r.PerClass[0].F1, 15);
        Assert.Equal(3, r.PerClass[0].Support);
        Assert.Equal(0.5, r.PerClass[1].Precision);
        Assert.Equal(0.5, r.PerClass[1].Recall);
        Assert.Equal(0.5, r.PerClass[2].Precision);
        Assert.Equal(1.0, r.PerClass[2].Recall);
        Assert.Equal((1.0 + 0.5 + 0.5) / 3, r.Macro.Precision, 15);
        Assert.Equal(((1.0 * 3) + (0.5 * 2) + (0.5 * 1)) / 6, r.Weighted.Precision, 15);
    }

    [Fact]
    public void ZeroDivisionGivesZeroes()
    {
        // Class 1 never predicted, class 2 has no support and is never predicted.
        var r = ClassificationReport.Compute([0, 1, 1], [0, 0, 0], ["a", "b", "c"]);
        Assert.Equal(0.0, r.PerClass[1].Precision);
        Assert.Equal(0.0, r.PerClass[1].Recall);
        Assert.Equal(0.0, r.PerClass[1].F1);
        Assert.Equal(new ClassMetrics("c", 0, 0, 0, 0), r.PerClass[2]);
        Assert.Equal((1.0 / 3) / 3, r.Macro.Precision, 15); // macro includes the absent label
        Assert.Contains("micro avg", r.ToText());          // as sklearn, when a label is never seen
        Assert.DoesNotContain("accuracy", r.ToText());
    }

    [Fact]
    public void EmptyInputGivesZeroes()
    {
        var r = ClassificationReport.Compute([], [], ["a", "b"]);
        Assert.Equal(0, r.Support);
        Assert.Equal(0.0, r.Accuracy);
        Assert.Equal(new AveragedMetrics(0, 0, 0), r.Weighted);
    }

    [Fact]
    public void ToTextRejectsNegativeDigits()
    {
        var r = ClassificationReport.Compute([0, 1], [0, 1], ["a", "b"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => r.ToText(-1));
    }

    [Theory]
    [InlineData(0.125, 2, "0.12")]   // exact tie: half to even, like Python
    [InlineData(0.375, 2, "0.38")]
    [InlineData(0.03125, 4, "0.0312")]
    [InlineData(2.5, 0, "2")]
    [InlineData(3.5, 0, "4")]
    [InlineData(0.1, 2, "0.10")]
    [InlineData(0.005, 2, "0.01")]   // 0.005 is slightly above 0.005 in binary
    [InlineData(0.015, 2, "0.01")]   // 0.015 is slightly below
    [InlineData(1.0, 4, "1.0000")]
    [InlineData(0.0, 2, "0.00")]
    [InlineData(123.456, 1, "123.5")]
    [InlineData(-0.5, 0, "-0")]
    public void FixedFormattingMatchesPython(double value, int digits, string expected) =>
        Assert.Equal(expected, PythonText.Fixed(value, digits));

    [Fact]
    public void FoldSummaryMeanAndSampleSd()
    {
        AveragedMetrics A(double x) => new(x, x / 2, x / 4);
        var folds = new[]
        {
            new FoldMetrics(0, 90, 10, 0.8, A(0.6), A(0.7)),
            new FoldMetrics(1, 90, 10, 0.9, A(0.8), A(0.9)),
            new FoldMetrics(2, 90, 10, 1.0, A(1.0), A(0.5)),
        };
        var s = FoldSummary.From(folds);
        Assert.Equal(0.9, s.Accuracy.Mean, 12);
        Assert.Equal(0.1, s.Accuracy.Sd, 12); // numpy.std([.8, .9, 1.0], ddof=1)
        Assert.Equal(0.8, s.MacroPrecision.Mean, 12);
        Assert.Equal(0.2, s.MacroPrecision.Sd, 12);
        Assert.Equal(0.4, s.MacroRecall.Mean, 12);
        Assert.Equal(0.2, s.MacroF1.Mean, 12);
        Assert.Equal(0.7, s.WeightedPrecision.Mean, 12);
        Assert.Equal(0.2, s.WeightedPrecision.Sd, 12);
        Assert.Equal(0.35, s.WeightedRecall.Mean, 12);
        Assert.Equal(0.175, s.WeightedF1.Mean, 12);
        Assert.Equal(3, s.Folds.Count);

        var one = FoldSummary.From([folds[1]]);
        Assert.Equal(new MeanSd(0.9, 0.0), one.Accuracy);
        Assert.Throws<ArgumentException>(() => FoldSummary.From([]));
    }

    [Fact]
    public void FoldMetricsFromReport()
    {
        var r = ClassificationReport.Compute([0, 1, 1], [0, 1, 0], ["a", "b"]);
        var f = FoldMetrics.FromReport(2, 27, r);
        Assert.Equal(new FoldMetrics(2, 27, 3, r.Accuracy, r.Macro, r.Weighted), f);
    }
}
