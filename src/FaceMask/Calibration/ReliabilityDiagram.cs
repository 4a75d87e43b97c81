using FaceMask.Protocols;

namespace FaceMask.Calibration;

/// <summary>
/// Reliability bins and the expected calibration error (ECE) of predictions. A prediction's confidence is the
/// probability it gives its predicted class (its top probability); it is right when that class is the true one.
/// </summary>
internal static class ReliabilityDiagram
{
    /// <summary>The number of equal-width bins of the reports.</summary>
    public const int DefaultBins = 15;

    /// <summary>
    /// <paramref name="bins"/> equal-width bins of the confidence over [0, 1]: bin b holds confidences in
    /// [b/bins, (b+1)/bins), the last bin also 1. Every bin is listed, empty ones with a count of 0.
    /// </summary>
    /// <param name="rows">Labelled predictions.</param>
    /// <param name="bins">Number of bins (at least 1).</param>
    /// <exception cref="ArgumentException">A row without a label, or fewer than one bin.</exception>
    public static IReadOnlyList<ReliabilityBin> Bins(IReadOnlyList<PredictionRow> rows, int bins = DefaultBins)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var count = new int[bins];
        var confidence = new double[bins];
        var correct = new int[bins];
        foreach (var row in rows)
        {
            double c = Confidence(row);
            int b = Math.Clamp((int)Math.Floor(c * bins), 0, bins - 1);
            count[b]++;
            confidence[b] += c;
            correct[b] += row.Predicted == row.Truth ? 1 : 0;
        }

        return Enumerable.Range(0, bins).Select(b => new ReliabilityBin
        {
            Lower = b / (double)bins,
            Upper = (b + 1) / (double)bins,
            Count = count[b],
            Confidence = count[b] == 0 ? null : confidence[b] / count[b],
            Accuracy = count[b] == 0 ? null : correct[b] / (double)count[b],
        }).ToArray();
    }

    /// <summary>
    /// The expected calibration error of binned predictions: Σ (n_b / N) · |accuracy_b − confidence_b| over the
    /// non-empty bins — the average gap, weighted by images, between how sure the predictions were and how often they
    /// were right. 0 when there are no predictions.
    /// </summary>
    public static double ExpectedCalibrationError(IReadOnlyList<ReliabilityBin> bins)
    {
        ArgumentNullException.ThrowIfNull(bins);
        int total = bins.Sum(b => b.Count);
        if (total == 0)
        {
            return 0;
        }

        return bins.Where(b => b.Count > 0)
            .Sum(b => b.Count / (double)total * Math.Abs(b.Accuracy!.Value - b.Confidence!.Value));
    }

    /// <summary>The probability <paramref name="row"/> gives its predicted class.</summary>
    /// <exception cref="ArgumentException">The row has no label or its predicted class is out of range.</exception>
    public static double Confidence(PredictionRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Truth < 0 || row.Truth >= row.Probabilities.Length || row.Predicted < 0 || row.Predicted >= row.Probabilities.Length)
        {
            throw new ArgumentException($"'{row.Path}' needs a label and a predicted class among its {row.Probabilities.Length} classes", nameof(row));
        }

        return row.Probabilities[row.Predicted];
    }
}
