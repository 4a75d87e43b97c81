using FaceMask.Protocols;

namespace FaceMask.Calibration;

/// <summary>The (multi-class) Brier score: the mean over predictions of Σ_k (p_k − 1[k is the true class])², 0 at best, 2 at worst.</summary>
internal static class BrierScore
{
    /// <summary>The Brier score of labelled predictions; 0 when there are none.</summary>
    /// <exception cref="ArgumentException">A row without a label.</exception>
    public static double Compute(IReadOnlyList<PredictionRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return 0;
        }

        double sum = 0;
        foreach (var row in rows)
        {
            if (row.Truth < 0 || row.Truth >= row.Probabilities.Length)
            {
                throw new ArgumentException($"'{row.Path}' has no label among its {row.Probabilities.Length} classes", nameof(rows));
            }

            for (int k = 0; k < row.Probabilities.Length; k++)
            {
                double d = row.Probabilities[k] - (k == row.Truth ? 1.0 : 0.0);
                sum += d * d;
            }
        }

        return sum / rows.Count;
    }
}
