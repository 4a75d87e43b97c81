using FaceMask.Calibration;
using FaceMask.Models;
using FaceMask.Protocols;
using Xunit;

namespace FaceMask.Tests.Calibration;

/// <summary>
/// Cross-fitting: with folds, each fold is scaled with the temperature fitted on the other folds. The case here has
/// two folds from very different models (one over-confident, T0 = 3; one under-confident, T0 = 0.5), so fitting on a
/// fold's own predictions and fitting on the other fold give far apart temperatures and clearly different figures.
/// </summary>
public sealed class CrossFitTests
{
    private static readonly PredictionRow[] FoldOne = SyntheticPredictions.Draw(3_000, 4, 3.0, 31, fold: 1);
    private static readonly PredictionRow[] FoldTwo = SyntheticPredictions.Draw(3_000, 4, 0.5, 32, fold: 2);
    private static readonly PredictionRow[] Both = FoldOne.Concat(FoldTwo).ToArray();

    [Fact]
    public void EachFoldIsScaledWithTheOtherFoldsTemperature()
    {
        var report = CalibrationAnalyzer.Analyze(Both);

        Assert.True(report.CrossFitted);
        Assert.Equal(TemperatureScaling.Fit(Both), report.Temperature);
        Assert.NotNull(report.FoldTemperatures);
        Assert.Equal(TemperatureScaling.Fit(FoldTwo), report.FoldTemperatures[0]);
        Assert.Equal(TemperatureScaling.Fit(FoldOne), report.FoldTemperatures[1]);
        Assert.InRange(report.FoldTemperatures[0], 0.4, 0.6);   // fold 1 gets fold 2's temperature, not its own (about 3)
        Assert.InRange(report.FoldTemperatures[1], 2.5, 3.5);
    }

    [Fact]
    public void CalibratedFiguresAreMeasuredOnTheCrossFittedProbabilities()
    {
        var report = CalibrationAnalyzer.Analyze(Both);
        double tOne = TemperatureScaling.Fit(FoldTwo);
        double tTwo = TemperatureScaling.Fit(FoldOne);

        double nll = ((TemperatureScaling.NegativeLogLikelihood(FoldOne, tOne) * FoldOne.Length) + (TemperatureScaling.NegativeLogLikelihood(FoldTwo, tTwo) * FoldTwo.Length)) / Both.Length;
        var scaled = FoldOne.Select(r => r with { Probabilities = CalibrationSettings.Scale(r.Probabilities, tOne) })
            .Concat(FoldTwo.Select(r => r with { Probabilities = CalibrationSettings.Scale(r.Probabilities, tTwo) })).ToArray();
        double ece = ReliabilityDiagram.ExpectedCalibrationError(ReliabilityDiagram.Bins(scaled));

        Assert.Equal(nll, report.NllCalibrated, 12);
        Assert.Equal(ece, report.EceCalibrated, 12);

        // fitting and measuring on the same predictions would look much better here
        double inSample = TemperatureScaling.NegativeLogLikelihood(Both, report.Temperature);
        Assert.True(report.NllCalibrated > inSample + 0.05, $"cross-fitted NLL {report.NllCalibrated} should be well above the in-sample {inSample}");
    }

    [Fact]
    public void WithoutFoldsTheFitIsMeasuredOnTheSamePredictionsAndSaysSo()
    {
        var rows = Both.Select(r => r with { Fold = null }).ToArray();

        var report = CalibrationAnalyzer.Analyze(rows);

        Assert.False(report.CrossFitted);
        Assert.Null(report.FoldTemperatures);
        Assert.Equal(TemperatureScaling.NegativeLogLikelihood(rows, report.Temperature), report.NllCalibrated, 12);
        Assert.True(report.NllCalibrated <= report.Nll);
    }

    [Fact]
    public void OneFoldIsNotCrossFitted()
    {
        Assert.False(CalibrationAnalyzer.Analyze(FoldOne).CrossFitted);
    }

    [Fact]
    public void ReportHoldsTheCurveBinsAndThreshold()
    {
        var rows = SyntheticPredictions.Draw(2_000, 5, 2.0, 41);

        var report = CalibrationAnalyzer.Analyze(rows, targetAccuracy: 0.9);

        Assert.Equal(2_000, report.N);
        Assert.Equal(15, report.Bins.Count);
        Assert.Equal(15, report.BinsCalibrated.Count);
        Assert.True(report.EceCalibrated < report.Ece, $"ECE {report.Ece} → {report.EceCalibrated}");
        Assert.True(report.BrierCalibrated < report.Brier);
        Assert.Equal(1.0, report.RiskCoverage[^1].Coverage);
        Assert.Equal(0.9, report.TargetAccuracy);
        Assert.NotNull(report.UnsureBelow);
        Assert.True(report.AnsweredAccuracy >= 0.9);
        Assert.True(report.Coverage < 1);
        Assert.Throws<FaceMaskException>(() => CalibrationAnalyzer.Analyze(rows, targetAccuracy: 0));
        Assert.Throws<FaceMaskException>(() => CalibrationAnalyzer.Analyze([new PredictionRow("x", -1, 0, [1f, 0f])]));
        Assert.Null(CalibrationAnalyzer.TryAnalyze([new PredictionRow("x", -1, 0, [1f, 0f])]));
    }
}
