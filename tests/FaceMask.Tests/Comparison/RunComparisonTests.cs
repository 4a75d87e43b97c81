using System.Globalization;
using FaceMask.Comparison;
using FaceMask.Reporting;
using Xunit;

namespace FaceMask.Tests.Comparison;

/// <summary>The normal-approximation interval of a change between two unpaired runs.</summary>
public sealed class RunComparisonTests
{
    /// <summary>
    /// The expected bounds were computed with the hand-written quantile (Acklam's approximation) that
    /// MathNet.Numerics replaced: the same to the printed precision, and to 1e-15.
    /// </summary>
    [Theory]
    [InlineData(0.0125, 0.8512, 0.9034, 0.8620, 0.9101, 0.95, -0.02299101999097802, 0.04799101999097802, "-0.0230", "0.0480")]
    [InlineData(-0.031, 0.70, 0.79, 0.66, 0.74, 0.90, -0.0912079728939615, 0.0292079728939615, "-0.0912", "0.0292")]
    [InlineData(0.004, 0.91, 0.93, 0.905, 0.94, 0.99, -0.016155644370746344, 0.024155644370746344, "-0.0162", "0.0242")]
    public void IndependentDifferenceKeepsTheFiguresOfTheFormerQuantile(
        double change, double aLow, double aHigh, double bLow, double bHigh, double confidence, double low, double high, string printedLow, string printedHigh)
    {
        var difference = RunComparison.IndependentDifference(change, aLow, aHigh, bLow, bHigh, confidence);
        Assert.Equal(low, difference.Low!.Value, 1e-15);
        Assert.Equal(high, difference.High!.Value, 1e-15);
        Assert.Equal(printedLow, difference.Low.Value.ToString("0.0000", CultureInfo.InvariantCulture));
        Assert.Equal(printedHigh, difference.High.Value.ToString("0.0000", CultureInfo.InvariantCulture));
        Assert.Equal(low <= 0 && high >= 0, difference.IncludesZero);
    }

    [Fact]
    public void IndependentDifferenceNeedsBothIntervals() =>
        Assert.Equal(new FaceMask.Bias.BiasDifference(0.1, null, null, false), RunComparison.IndependentDifference(0.1, 0.5, null, 0.4, 0.6, 0.95));
}
