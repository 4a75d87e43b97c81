using FaceMask.Training;
using Xunit;

namespace FaceMask.Tests.Training;

public sealed class LearningRateScheduleTests
{
    [Theory]
    [InlineData(0, 1e-3)]
    [InlineData(50, 5e-4)]
    [InlineData(100, 0)]
    [InlineData(25, 1e-3 * 0.5 * (1 + 0.70710678118654757))]
    public void CosineFallsFromTheRateToZero(int step, double expected)
    {
        Assert.Equal(expected, LearningRateSchedule.At(LearningRateSchedule.Cosine, 1e-3, step, 100), 12);
    }

    [Fact]
    public void ConstantStaysAndUnknownIsRefused()
    {
        Assert.Equal(1e-3, LearningRateSchedule.At(LearningRateSchedule.Constant, 1e-3, 99, 100));
        var ex = Assert.Throws<FaceMaskException>(() => LearningRateSchedule.At("steps", 1e-3, 0, 100));
        Assert.Contains("--lr-schedule steps", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1, 1.0, "constant", "--label-smoothing")]
    [InlineData(1.0, 1.0, "constant", "--label-smoothing")]
    [InlineData(0.1, 0.0, "constant", "--classifier-lr-factor")]
    [InlineData(0.1, 1.0, "linear", "--lr-schedule linear")]
    public void OptionsOutOfRangeAreRefused(double smoothing, double factor, string schedule, string message)
    {
        var options = new TrainingOptions { LabelSmoothing = smoothing, NewLayersRateFactor = factor, Schedule = schedule };
        var ex = Assert.Throws<FaceMaskException>(options.Validate);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
