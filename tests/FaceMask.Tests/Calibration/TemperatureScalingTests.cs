using FaceMask.Calibration;
using FaceMask.Protocols;
using Xunit;

namespace FaceMask.Tests.Calibration;

/// <summary>Fitting the temperature: it recovers a known one, minimises the likelihood and stays within its bounds.</summary>
public sealed class TemperatureScalingTests
{
    // 20,000 predictions of 5 classes: the fitted T's standard error is about 1 % of T here, so 5 % is a wide margin.
    [Theory]
    [InlineData(0.5, 11)]
    [InlineData(2.0, 12)]
    public void FitRecoversAKnownTemperatureWithinFivePercent(double trueTemperature, int seed)
    {
        var rows = SyntheticPredictions.Draw(20_000, 5, trueTemperature, seed);

        double fitted = TemperatureScaling.Fit(rows);

        Assert.InRange(fitted, trueTemperature * 0.95, trueTemperature * 1.05);
    }

    [Fact]
    public void CalibratedPredictionsKeepATemperatureNearOne()
    {
        var rows = SyntheticPredictions.Draw(20_000, 5, 1.0, 13);

        Assert.InRange(TemperatureScaling.Fit(rows), 0.95, 1.05);
    }

    [Fact]
    public void TheFitIsTheMinimumOfTheNegativeLogLikelihood()
    {
        var rows = SyntheticPredictions.Draw(2_000, 4, 1.7, 14);
        double t = TemperatureScaling.Fit(rows);
        double best = TemperatureScaling.NegativeLogLikelihood(rows, t);

        foreach (double factor in new[] { 0.9, 0.99, 1.01, 1.1 })
        {
            Assert.True(TemperatureScaling.NegativeLogLikelihood(rows, t * factor) > best, $"NLL at {factor} × T is not above the fit's");
        }

        Assert.True(best < TemperatureScaling.NegativeLogLikelihood(rows, 1), "scaling must improve on the raw probabilities");
        Assert.Equal(t, TemperatureScaling.Fit(rows)); // deterministic
    }

    [Fact]
    public void NegativeLogLikelihoodAtOneIsTheCrossEntropy()
    {
        PredictionRow[] rows = [SyntheticPredictions.Binary(0.8, right: true), SyntheticPredictions.Binary(0.6, right: false)];

        double expected = (-Math.Log(0.8) - Math.Log(0.4)) / 2;

        Assert.Equal(expected, TemperatureScaling.NegativeLogLikelihood(rows, 1), 6);
    }

    [Fact]
    public void PerfectPredictionsHitTheLowerBoundAndUniformOnesStayFinite()
    {
        PredictionRow[] perfect = [SyntheticPredictions.Binary(0.9, right: true), SyntheticPredictions.Binary(0.7, right: true)];
        Assert.Equal(TemperatureScaling.MinTemperature, TemperatureScaling.Fit(perfect), 12);

        // right half the time at 0.99: the best temperature flattens them as far as allowed
        PredictionRow[] coinFlips = [SyntheticPredictions.Binary(0.99, right: true), SyntheticPredictions.Binary(0.99, right: false)];
        Assert.Equal(TemperatureScaling.MaxTemperature, TemperatureScaling.Fit(coinFlips), 9);
    }

    [Fact]
    public void UnlabelledRowsAreRefused()
    {
        PredictionRow[] rows = [new("x.png", -1, 0, [0.5f, 0.5f])];

        Assert.Throws<ArgumentException>(() => TemperatureScaling.Fit(rows));
        Assert.Throws<ArgumentException>(() => TemperatureScaling.Fit([]));
    }
}
