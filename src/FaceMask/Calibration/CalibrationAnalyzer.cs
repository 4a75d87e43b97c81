using FaceMask.Protocols;

namespace FaceMask.Calibration;

/// <summary>
/// Builds a <see cref="CalibrationReport"/> from held-out predictions: fits the temperature on all of them, measures
/// ECE, NLL, Brier score and reliability bins before and after scaling (after: cross-fitted over the folds of k-fold
/// predictions), draws the risk–coverage curve and chooses the unsure threshold for a target accuracy.
/// </summary>
public static class CalibrationAnalyzer
{
    /// <summary>The accuracy on answered images the reports choose the unsure threshold for.</summary>
    public const double DefaultTargetAccuracy = 0.95;

    /// <summary>The report for <paramref name="predictions"/>; unlabelled predictions (no true class) are left out.</summary>
    /// <param name="predictions">Held-out predictions; all with the same number of classes.</param>
    /// <param name="targetAccuracy">The accuracy on answered images the unsure threshold is chosen for, in (0, 1].</param>
    /// <exception cref="FaceMaskException">No labelled predictions, or a target accuracy outside (0, 1].</exception>
    public static CalibrationReport Analyze(IReadOnlyList<PredictionRow> predictions, double targetAccuracy = DefaultTargetAccuracy)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ValidateTarget(targetAccuracy);
        var rows = Labelled(predictions);
        if (rows.Count == 0)
        {
            throw new FaceMaskException("calibration needs labelled predictions (a run on a labelled folder: train with a test split, kfold or evaluate)");
        }

        double temperature = TemperatureScaling.Fit(rows);
        var fit = CrossFit.Apply(rows, temperature);
        var bins = ReliabilityDiagram.Bins(rows);
        var binsCalibrated = ReliabilityDiagram.Bins(fit.Rows);
        var threshold = RiskCoverage.ChooseThreshold(fit.Rows, targetAccuracy);
        return new CalibrationReport
        {
            N = rows.Count,
            CrossFitted = fit.CrossFitted,
            Temperature = temperature,
            FoldTemperatures = fit.CrossFitted ? fit.FoldTemperatures : null,
            Ece = ReliabilityDiagram.ExpectedCalibrationError(bins),
            EceCalibrated = ReliabilityDiagram.ExpectedCalibrationError(binsCalibrated),
            Nll = TemperatureScaling.NegativeLogLikelihood(rows, 1),
            NllCalibrated = fit.NegativeLogLikelihood,
            Brier = BrierScore.Compute(rows),
            BrierCalibrated = BrierScore.Compute(fit.Rows),
            Bins = bins,
            BinsCalibrated = binsCalibrated,
            RiskCoverage = RiskCoverage.Curve(fit.Rows),
            TargetAccuracy = targetAccuracy,
            UnsureBelow = threshold?.Threshold,
            Coverage = threshold?.Coverage,
            AnsweredAccuracy = threshold?.Accuracy,
        };
    }

    /// <summary>The report, or null when there is nothing to analyse (no labelled predictions).</summary>
    public static CalibrationReport? TryAnalyze(IReadOnlyList<PredictionRow> predictions, double targetAccuracy = DefaultTargetAccuracy)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        return Labelled(predictions).Count == 0 ? null : Analyze(predictions, targetAccuracy);
    }

    /// <summary>Throws unless <paramref name="targetAccuracy"/> is in (0, 1].</summary>
    /// <exception cref="FaceMaskException">The target is outside (0, 1].</exception>
    public static void ValidateTarget(double targetAccuracy)
    {
        if (!(targetAccuracy > 0 && targetAccuracy <= 1))
        {
            throw new FaceMaskException($"target accuracy {targetAccuracy}: must be in (0, 1], e.g. 0.95");
        }
    }

    // Predictions with a true class and a predicted class in range, whose probabilities are all finite.
    private static List<PredictionRow> Labelled(IReadOnlyList<PredictionRow> predictions) =>
        predictions.Where(p => p.Truth >= 0 && p.Truth < p.Probabilities.Length && p.Predicted >= 0 && p.Predicted < p.Probabilities.Length
                               && p.Probabilities.All(float.IsFinite))
                   .ToList();
}
