using FaceMask.Protocols;

namespace FaceMask.Calibration;

/// <summary>
/// Temperature scaling (Guo et al., 2017): one number T &gt; 0 that turns a network's probabilities p into
/// <c>softmax(log p / T)</c> (see <see cref="Models.CalibrationSettings.Scale"/>). T is fitted on held-out predictions
/// by minimising the mean negative log-likelihood of the true labels. Above 1 it softens over-confident probabilities,
/// below 1 it sharpens under-confident ones; the predicted class never changes.
/// </summary>
internal static class TemperatureScaling
{
    /// <summary>The smallest temperature the fit returns.</summary>
    public const double MinTemperature = 0.05;

    /// <summary>The largest temperature the fit returns.</summary>
    public const double MaxTemperature = 20;

    // Probabilities below this are treated as this (log 1e-30 ≈ -69), as CalibrationSettings.Scale does.
    private const double Floor = 1e-30;

    // Golden-section search stops when the bracket on log T is narrower than this.
    private const double Tolerance = 1e-7;

    /// <summary>
    /// The temperature in [<see cref="MinTemperature"/>, <see cref="MaxTemperature"/>] that minimises the mean negative
    /// log-likelihood of <paramref name="rows"/>' true labels under <c>softmax(log p / T)</c>. The search is a
    /// golden-section search over log T: the likelihood is convex in 1/T, so it has a single minimum over log T and the
    /// search finds it deterministically. When the minimum lies beyond a bound (e.g. every prediction right), the bound
    /// is returned.
    /// </summary>
    /// <param name="rows">Labelled predictions (every <see cref="PredictionRow.Truth"/> a class index).</param>
    /// <exception cref="ArgumentException">No rows, or a row without a label.</exception>
    public static double Fit(IReadOnlyList<PredictionRow> rows)
    {
        var logs = LogProbabilities(rows);
        if (logs.Length == 0)
        {
            throw new ArgumentException("temperature scaling needs at least one labelled prediction", nameof(rows));
        }

        int[] truth = rows.Select(r => r.Truth).ToArray();
        double Objective(double logT) => MeanNll(logs, truth, Math.Exp(logT));

        double lo = Math.Log(MinTemperature);
        double hi = Math.Log(MaxTemperature);
        double invPhi = (Math.Sqrt(5) - 1) / 2;
        double a = lo;
        double b = hi;
        double c = b - (invPhi * (b - a));
        double d = a + (invPhi * (b - a));
        double fc = Objective(c);
        double fd = Objective(d);
        while (b - a > Tolerance)
        {
            if (fc <= fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - (invPhi * (b - a));
                fc = Objective(c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + (invPhi * (b - a));
                fd = Objective(d);
            }
        }

        double best = (a + b) / 2;
        double fBest = Objective(best);

        // A minimum beyond the bracket: the search converges next to a bound; take the bound itself.
        foreach (double bound in new[] { lo, hi })
        {
            double f = Objective(bound);
            if (f < fBest)
            {
                best = bound;
                fBest = f;
            }
        }

        return Math.Exp(best);
    }

    /// <summary>
    /// The mean negative log-likelihood (natural log) of the true labels under <c>softmax(log p / T)</c>, computed in
    /// double precision from the log-probabilities (so tiny probabilities do not round to zero). At T = 1 this is the
    /// plain cross-entropy of the predictions.
    /// </summary>
    /// <exception cref="ArgumentException">No rows, a row without a label, or a temperature that is not positive.</exception>
    public static double NegativeLogLikelihood(IReadOnlyList<PredictionRow> rows, double temperature)
    {
        if (!(temperature > 0) || !double.IsFinite(temperature))
        {
            throw new ArgumentException($"the temperature must be a positive number (got {temperature})", nameof(temperature));
        }

        var logs = LogProbabilities(rows);
        if (logs.Length == 0)
        {
            throw new ArgumentException("the negative log-likelihood needs at least one labelled prediction", nameof(rows));
        }

        return MeanNll(logs, rows.Select(r => r.Truth).ToArray(), temperature);
    }

    private static double[][] LogProbabilities(IReadOnlyList<PredictionRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var logs = new double[rows.Count][];
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Truth < 0 || row.Truth >= row.Probabilities.Length)
            {
                throw new ArgumentException($"'{row.Path}' has no label among its {row.Probabilities.Length} classes", nameof(rows));
            }

            logs[i] = row.Probabilities.Select(p => Math.Log(Math.Max(p, Floor))).ToArray();
        }

        return logs;
    }

    private static double MeanNll(double[][] logs, int[] truth, double temperature)
    {
        double sum = 0;
        for (int i = 0; i < logs.Length; i++)
        {
            double[] z = logs[i];
            double max = double.NegativeInfinity;
            foreach (double v in z)
            {
                max = Math.Max(max, v / temperature);
            }

            double exp = 0;
            foreach (double v in z)
            {
                exp += Math.Exp((v / temperature) - max);
            }

            sum += max + Math.Log(exp) - (z[truth[i]] / temperature);
        }

        return sum / logs.Length;
    }
}
