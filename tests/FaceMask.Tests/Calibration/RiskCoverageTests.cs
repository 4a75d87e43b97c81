using FaceMask.Calibration;
using FaceMask.Protocols;
using Xunit;

namespace FaceMask.Tests.Calibration;

/// <summary>The unsure threshold on hand-made examples, and the shape of the risk–coverage curve.</summary>
public sealed class RiskCoverageTests
{
    // Most confident first, the running accuracy is 1, 1, 0.67, 0.75, 0.8, 0.83, 0.71, 0.63: it dips and recovers.
    private static readonly PredictionRow[] Rows =
    [
        SyntheticPredictions.Binary(0.60, right: false),
        SyntheticPredictions.Binary(0.99, right: true),
        SyntheticPredictions.Binary(0.85, right: true),
        SyntheticPredictions.Binary(0.95, right: true),
        SyntheticPredictions.Binary(0.90, right: false),
        SyntheticPredictions.Binary(0.70, right: true),
        SyntheticPredictions.Binary(0.55, right: false),
        SyntheticPredictions.Binary(0.80, right: true),
    ];

    [Fact]
    public void TheLowestThresholdMeetingTheTargetIsChosenPastADip()
    {
        var point = RiskCoverage.ChooseThreshold(Rows, 0.8);

        Assert.NotNull(point);
        Assert.Equal((double)0.70f, point.Threshold);
        Assert.Equal(6, point.Answered);
        Assert.Equal(0.75, point.Coverage, 12);
        Assert.Equal(5 / 6.0, point.Accuracy, 12);
    }

    [Fact]
    public void AStricterTargetAnswersFewer()
    {
        var point = RiskCoverage.ChooseThreshold(Rows, 0.84);

        Assert.NotNull(point);
        Assert.Equal((double)0.95f, point.Threshold);
        Assert.Equal(0.25, point.Coverage, 12);
        Assert.Equal(1.0, point.Accuracy, 12);
        Assert.Equal((double)0.95f, RiskCoverage.ChooseThreshold(Rows, 1.0)!.Threshold);
    }

    [Fact]
    public void AReachableTargetAtFullCoverageAnswersEverything()
    {
        var point = RiskCoverage.ChooseThreshold(Rows, 0.6);

        Assert.NotNull(point);
        Assert.Equal((double)0.55f, point.Threshold);
        Assert.Equal(1.0, point.Coverage, 12);
        Assert.Equal(5 / 8.0, point.Accuracy, 12);
    }

    [Fact]
    public void AnUnreachableTargetGivesNoThreshold()
    {
        PredictionRow[] wrongFirst = [SyntheticPredictions.Binary(0.9, right: false), SyntheticPredictions.Binary(0.8, right: true)];
        Assert.Null(RiskCoverage.ChooseThreshold(wrongFirst, 0.6));

        // tied confidences are answered together: one of the two 0.9s cannot be answered alone
        PredictionRow[] tied = [SyntheticPredictions.Binary(0.9, right: true), SyntheticPredictions.Binary(0.9, right: false), SyntheticPredictions.Binary(0.7, right: true)];
        Assert.Null(RiskCoverage.ChooseThreshold(tied, 0.9));
        Assert.Null(RiskCoverage.ChooseThreshold([], 0.9));
        Assert.Throws<ArgumentOutOfRangeException>(() => RiskCoverage.ChooseThreshold(Rows, 1.5));
    }

    [Fact]
    public void TheCurveRisesInCoverageAndEndsAtThePlainAccuracy()
    {
        var rows = SyntheticPredictions.Draw(1_000, 5, 1.5, 21);

        var curve = RiskCoverage.Curve(rows);

        Assert.InRange(curve.Count, 50, 100);
        Assert.InRange(curve[0].Coverage, 0.01, 0.02);
        for (int i = 1; i < curve.Count; i++)
        {
            Assert.True(curve[i].Coverage > curve[i - 1].Coverage, $"coverage falls at point {i}");
            Assert.True(curve[i].Threshold < curve[i - 1].Threshold, $"threshold rises at point {i}");
        }

        Assert.Equal(1.0, curve[^1].Coverage);
        Assert.Equal(rows.Count(r => r.Truth == r.Predicted) / (double)rows.Length, curve[^1].Accuracy, 12);

        // every point is what answering at its threshold gives
        foreach (var point in curve)
        {
            var answered = rows.Where(r => r.Probabilities[r.Predicted] >= point.Threshold).ToArray();
            Assert.Equal(answered.Length, point.Answered);
            Assert.Equal(answered.Count(r => r.Truth == r.Predicted) / (double)answered.Length, point.Accuracy, 12);
        }
    }

    [Fact]
    public void TiesMakeOnePoint()
    {
        PredictionRow[] rows = Enumerable.Repeat(SyntheticPredictions.Binary(0.8, right: true), 3).Append(SyntheticPredictions.Binary(0.6, right: false)).ToArray();

        var curve = RiskCoverage.Curve(rows);

        Assert.Equal([0.75, 1.0], curve.Select(p => p.Coverage));
        Assert.Equal([1.0, 0.75], curve.Select(p => p.Accuracy));
    }
}
