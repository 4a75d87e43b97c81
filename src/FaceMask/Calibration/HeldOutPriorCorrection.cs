using FaceMask.Evaluation;
using FaceMask.Models;
using FaceMask.Protocols;

namespace FaceMask.Calibration;

/// <summary>
/// Applies a prior correction to held-out predictions the way each prediction's model would have applied it: k-fold
/// predictions (every row with a fold, at least two folds) with the class shares of their fold's training images —
/// the labelled predictions of the other folds, since k-fold predicts every image once — and any other predictions
/// with the shares of the model being calibrated.
/// </summary>
internal static class HeldOutPriorCorrection
{
    /// <summary>The corrected predictions (probabilities corrected, predicted class their top one) and the effect.</summary>
    /// <param name="rows">Labelled predictions holding the networks' own probabilities.</param>
    /// <param name="classes">The classes, in probability order.</param>
    /// <param name="modelShares">The calibrated model's training class shares, in class order.</param>
    /// <param name="strength">τ, more than 0.</param>
    /// <exception cref="FaceMaskException">A fold's training images (the other folds) lack a class.</exception>
    public static (IReadOnlyList<PredictionRow> Rows, PriorCorrectionEffect Effect) Apply(
        IReadOnlyList<PredictionRow> rows, IReadOnlyList<string> classes, IReadOnlyList<double> modelShares, double strength)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(modelShares);
        bool perFold = rows.Count > 0 && rows.All(r => r.Fold is not null) && rows.Select(r => r.Fold).Distinct().Count() >= 2;
        var sharesByFold = new Dictionary<int, double[]>();
        if (perFold)
        {
            foreach (int fold in rows.Select(r => r.Fold!.Value).Distinct())
            {
                var counts = new int[classes.Count];
                foreach (PredictionRow other in rows.Where(r => r.Fold != fold))
                {
                    counts[other.Truth]++;
                }

                try
                {
                    sharesByFold[fold] = PriorCorrection.Shares(counts, classes);
                }
                catch (FaceMaskException e)
                {
                    throw new FaceMaskException($"fold {fold}: {e.Message} (the other folds are its training images)");
                }
            }
        }

        var corrected = rows.Select(r =>
            r.WithProbabilities(PriorCorrection.Apply(r.Probabilities, perFold ? sharesByFold[r.Fold!.Value] : modelShares, strength))).ToArray();
        var before = Report(rows, classes);
        var after = Report(corrected, classes);
        var effect = new PriorCorrectionEffect
        {
            Strength = strength,
            PerFoldShares = perFold,
            N = rows.Count,
            AccuracyBefore = before.Accuracy,
            AccuracyAfter = after.Accuracy,
            MacroRecallBefore = before.Macro.Recall,
            MacroRecallAfter = after.Macro.Recall,
            RecallBefore = Recalls(before),
            RecallAfter = Recalls(after),
        };
        return (corrected, effect);
    }

    private static ClassificationReport Report(IReadOnlyList<PredictionRow> rows, IReadOnlyList<string> classes) =>
        ClassificationReport.Compute(rows.Select(r => r.Truth).ToArray(), rows.Select(r => r.Predicted).ToArray(), classes);

    private static Dictionary<string, double> Recalls(ClassificationReport report) =>
        report.PerClass.Where(c => c.Support > 0).ToDictionary(c => c.Label, c => c.Recall);
}
