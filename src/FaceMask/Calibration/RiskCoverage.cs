using FaceMask.Protocols;

namespace FaceMask.Calibration;

/// <summary>
/// Risk–coverage analysis of predictions ranked by confidence (the probability of the predicted class): how accurate
/// the answered predictions are when only the most confident share is answered, and the unsure threshold that reaches
/// a target accuracy.
/// </summary>
internal static class RiskCoverage
{
    /// <summary>
    /// The curve, most confident first: a point at every percent of coverage (the first threshold that answers at
    /// least 1 %, 2 %, … of the predictions), ending with the point that answers all of them (coverage 1, the plain
    /// accuracy). Predictions with equal confidence are answered together, so coverage can jump by more than 1 %.
    /// Coverage rises and the threshold falls along the curve; at most 100 points.
    /// </summary>
    /// <param name="rows">Labelled predictions.</param>
    public static IReadOnlyList<RiskCoveragePoint> Curve(IReadOnlyList<PredictionRow> rows)
    {
        var all = Steps(rows);
        var curve = new List<RiskCoveragePoint>();
        int nextPercent = 1;
        foreach (var point in all)
        {
            if (point.Answered * 100L >= nextPercent * (long)rows.Count)
            {
                curve.Add(point);
                nextPercent = (int)(point.Answered * 100L / rows.Count) + 1;
            }
        }

        return curve;
    }

    /// <summary>
    /// The lowest threshold on the confidence at which the answered predictions (confidence at least the threshold)
    /// are at least <paramref name="targetAccuracy"/> right: the threshold that answers the most predictions while
    /// meeting the target. Every distinct confidence is a candidate; the threshold is the confidence of the least
    /// confident answered prediction. Null when no threshold reaches the target (not even answering only the most
    /// confident predictions), or when there are no predictions.
    /// </summary>
    /// <param name="rows">Labelled predictions.</param>
    /// <param name="targetAccuracy">The accuracy the answered predictions must reach, in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">The target is not in (0, 1].</exception>
    public static RiskCoveragePoint? ChooseThreshold(IReadOnlyList<PredictionRow> rows, double targetAccuracy)
    {
        if (!(targetAccuracy > 0 && targetAccuracy <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(targetAccuracy), targetAccuracy, "the target accuracy must be in (0, 1]");
        }

        RiskCoveragePoint? chosen = null;
        foreach (var point in Steps(rows))
        {
            // correct / answered >= target, with a little slack for the rounding of the division
            if (point.Accuracy >= targetAccuracy - 1e-12)
            {
                chosen = point;
            }
        }

        return chosen;
    }

    // One point per distinct confidence, most confident first.
    private static List<RiskCoveragePoint> Steps(IReadOnlyList<PredictionRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var ranked = rows.Select(r => (Confidence: ReliabilityDiagram.Confidence(r), Right: r.Predicted == r.Truth))
            .OrderByDescending(x => x.Confidence)
            .ToArray();
        var steps = new List<RiskCoveragePoint>();
        int correct = 0;
        for (int i = 0; i < ranked.Length; i++)
        {
            correct += ranked[i].Right ? 1 : 0;
            if (i + 1 < ranked.Length && ranked[i + 1].Confidence == ranked[i].Confidence)
            {
                continue;
            }

            steps.Add(new RiskCoveragePoint
            {
                Threshold = ranked[i].Confidence,
                Answered = i + 1,
                Coverage = (i + 1) / (double)ranked.Length,
                Accuracy = correct / (double)(i + 1),
            });
        }

        return steps;
    }
}
