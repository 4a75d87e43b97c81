using FaceMask.Inference;
using FaceMask.Models;
using Xunit;

namespace FaceMask.Tests.Inference;

public sealed class CalibrationInEffectTests
{
    private static readonly ModelManifest Plain = new() { Arch = "seed5", Classes = ["x", "y", "z"], InputSize = 32, Normalization = Normalization.Half };

    private static readonly ModelManifest Fitted = Plain with { Calibration = new CalibrationSettings { Temperature = 1.7, UnsureBelow = 0.65 } };

    [Fact]
    public void UncalibratedModel_TemperatureOneNeverUnsure_ProbabilitiesUntouched()
    {
        CalibrationInEffect none = CalibrationInEffect.For(Plain);
        Assert.Equal((1.0, 0.0), (none.Temperature, none.UnsureBelow));
        float[] p = [0.2f, 0.5f, 0.3f];
        Assert.Same(p, none.Apply(p));
        Assert.False(none.IsUnsure(0.0001f));
        Assert.Equal(none, CalibrationInEffect.None);
    }

    [Fact]
    public void CalibratedModel_UsesItsTemperatureAndThreshold_UnlessOverridden()
    {
        CalibrationInEffect fitted = CalibrationInEffect.For(Fitted);
        Assert.Equal((1.7, 0.65), (fitted.Temperature, fitted.UnsureBelow));
        Assert.Equal([.. CalibrationSettings.Scale([0.2f, 0.5f, 0.3f], 1.7)], fitted.Apply([0.2f, 0.5f, 0.3f]));

        Assert.Equal((1.7, 0.3), (CalibrationInEffect.For(Fitted, 0.3).Temperature, CalibrationInEffect.For(Fitted, 0.3).UnsureBelow));
        Assert.Equal(0.0, CalibrationInEffect.For(Fitted, 0).UnsureBelow);
        Assert.Equal(0.9, CalibrationInEffect.For(Plain, 0.9).UnsureBelow);
    }

    [Fact]
    public void UnsureMeansStrictlyBelowTheThreshold()
    {
        var calibration = new CalibrationInEffect(1.0, 0.5);
        Assert.True(calibration.IsUnsure(0.4999f));
        Assert.False(calibration.IsUnsure(0.5f));
        Assert.False(calibration.IsUnsure(0.9f));
        Assert.True(new CalibrationInEffect(1.0, 1.0).IsUnsure(0.999999f));
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void ThresholdOutsideZeroToOne_IsRefused(double threshold)
    {
        var ex = Assert.Throws<FaceMaskException>(() => CalibrationInEffect.For(Fitted, threshold));
        Assert.Contains("unsure threshold must be between 0 and 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains(threshold.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Throws<FaceMaskException>(() => new CalibrationInEffect(1.0, threshold));
    }

    [Fact]
    public void NonPositiveTemperature_IsRefused() =>
        Assert.Contains("temperature", Assert.Throws<FaceMaskException>(() => new CalibrationInEffect(0, 0.5)).Message, StringComparison.Ordinal);

    [Fact]
    public void PriorCorrection_ComesBeforeTheTemperature_AndCanChangeTheTopClass()
    {
        var shares = new Dictionary<string, double> { ["x"] = 0.8, ["y"] = 0.15, ["z"] = 0.05 };
        var manifest = Plain with { Calibration = new CalibrationSettings { Temperature = 1.3, UnsureBelow = 0.5, PriorCorrection = 1, ClassShares = shares } };
        CalibrationInEffect calibration = CalibrationInEffect.For(manifest);
        float[] raw = [0.6f, 0.3f, 0.1f];

        float[] corrected = calibration.Correct(raw);
        Assert.Equal(PriorCorrection.Apply(raw, [0.8, 0.15, 0.05], 1), corrected);
        Assert.Equal(CalibrationSettings.Scale(corrected, 1.3), calibration.Apply(raw));
        Assert.Equal(0, Array.IndexOf(raw, raw.Max()));
        Assert.Equal(1, Array.IndexOf(corrected, corrected.Max())); // y (0.3 / 0.15) beats x (0.6 / 0.8)

        var row = new FaceMask.Protocols.PredictionRow("a.jpg", 1, 0, raw);
        var answered = calibration.Correct(row);
        Assert.Equal(1, answered.Predicted);
        Assert.Equal(corrected, answered.Probabilities);
        Assert.Same(row, CalibrationInEffect.For(Fitted).Correct(row)); // no correction: the row as it is
    }

    [Fact]
    public void APriorCorrectionWithoutShares_IsRefused()
    {
        Assert.Throws<FaceMaskException>(() => new CalibrationInEffect(1.0, 0.0, null, 1.0));
        Assert.Throws<FaceMaskException>(() => new CalibrationInEffect(1.0, 0.0, [0.5, 0.0, 0.5], 1.0));
        Assert.Throws<FaceMaskException>(() => new CalibrationInEffect(1.0, 0.0, [0.5, 0.5], -0.5));
    }
}
