using FaceMask.Models;
using FaceMask.Protocols;

namespace FaceMask.Calibration;

/// <summary>
/// Predictions with calibrated probabilities, and the temperatures that made them. For k-fold predictions each fold's
/// probabilities are scaled with a temperature fitted on the other folds only (cross-fitting), so the calibrated
/// figures are not flattered by fitting and measuring on the same images; otherwise every prediction is scaled with
/// the one temperature fitted on all of them.
/// </summary>
internal sealed record CrossFit
{
    /// <summary>The predictions in their original order, with calibrated probabilities (labels and predicted classes unchanged).</summary>
    public required IReadOnlyList<PredictionRow> Rows { get; init; }

    /// <summary>True when every fold was scaled with a temperature fitted on the other folds.</summary>
    public required bool CrossFitted { get; init; }

    /// <summary>The fold numbers, ascending (empty when not cross-fitted).</summary>
    public required IReadOnlyList<int> Folds { get; init; }

    /// <summary>The temperature used for each fold of <see cref="Folds"/>, fitted on the other folds (empty when not cross-fitted).</summary>
    public required IReadOnlyList<double> FoldTemperatures { get; init; }

    /// <summary>The mean negative log-likelihood of the calibrated predictions (each scaled with its own temperature).</summary>
    public required double NegativeLogLikelihood { get; init; }

    /// <summary>
    /// Calibrates <paramref name="rows"/>: cross-fitted when every row has a fold and there are at least two folds,
    /// else with <paramref name="temperature"/> (the fit on all rows) for every row.
    /// </summary>
    /// <param name="rows">Labelled predictions.</param>
    /// <param name="temperature">The temperature fitted on all of <paramref name="rows"/>, used when they have no folds.</param>
    public static CrossFit Apply(IReadOnlyList<PredictionRow> rows, double temperature)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int[] folds = rows.All(r => r.Fold is not null) ? rows.Select(r => r.Fold!.Value).Distinct().Order().ToArray() : [];
        if (folds.Length < 2)
        {
            return new CrossFit
            {
                Rows = rows.Select(r => Scale(r, temperature)).ToArray(),
                CrossFitted = false,
                Folds = [],
                FoldTemperatures = [],
                NegativeLogLikelihood = TemperatureScaling.NegativeLogLikelihood(rows, temperature),
            };
        }

        var scaled = new PredictionRow[rows.Count];
        var temperatures = new double[folds.Length];
        double nll = 0;
        for (int f = 0; f < folds.Length; f++)
        {
            int fold = folds[f];
            var others = rows.Where(r => r.Fold != fold).ToArray();
            var own = rows.Where(r => r.Fold == fold).ToArray();
            temperatures[f] = TemperatureScaling.Fit(others);
            nll += TemperatureScaling.NegativeLogLikelihood(own, temperatures[f]) * own.Length;
            for (int i = 0; i < rows.Count; i++)
            {
                if (rows[i].Fold == fold)
                {
                    scaled[i] = Scale(rows[i], temperatures[f]);
                }
            }
        }

        return new CrossFit
        {
            Rows = scaled,
            CrossFitted = true,
            Folds = folds,
            FoldTemperatures = temperatures,
            NegativeLogLikelihood = nll / rows.Count,
        };
    }

    private static PredictionRow Scale(PredictionRow row, double temperature) =>
        row with { Probabilities = CalibrationSettings.Scale(row.Probabilities, temperature) };
}
