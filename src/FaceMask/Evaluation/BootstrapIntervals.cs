namespace FaceMask.Evaluation;

/// <summary>
/// Percentile bootstrap intervals of accuracy, macro and weighted F1 and each class's precision, recall and F1:
/// the predictions are resampled with replacement (seeded, so the intervals are reproducible), each metric is
/// recomputed on every resample, and the interval is the central <see cref="Level"/> share of those values.
/// Images are treated as independent, so near-duplicates and repeated people make the intervals too narrow.
/// </summary>
public sealed class BootstrapIntervals
{
    private BootstrapIntervals(int resamples, double level, MetricInterval accuracy, MetricInterval macroF1, MetricInterval weightedF1,
        IReadOnlyList<MetricInterval> precision, IReadOnlyList<MetricInterval> recall, IReadOnlyList<MetricInterval> f1)
    {
        Resamples = resamples;
        Level = level;
        Accuracy = accuracy;
        MacroF1 = macroF1;
        WeightedF1 = weightedF1;
        Precision = precision;
        Recall = recall;
        F1 = f1;
    }

    /// <summary>Number of resamples drawn.</summary>
    public int Resamples { get; }

    /// <summary>Coverage of the intervals, e.g. 0.95.</summary>
    public double Level { get; }

    /// <summary>Accuracy.</summary>
    public MetricInterval Accuracy { get; }

    /// <summary>Macro-averaged F1.</summary>
    public MetricInterval MacroF1 { get; }

    /// <summary>Support-weighted F1.</summary>
    public MetricInterval WeightedF1 { get; }

    /// <summary>Per-class precision, in label order.</summary>
    public IReadOnlyList<MetricInterval> Precision { get; }

    /// <summary>Per-class recall, in label order.</summary>
    public IReadOnlyList<MetricInterval> Recall { get; }

    /// <summary>Per-class F1, in label order.</summary>
    public IReadOnlyList<MetricInterval> F1 { get; }

    /// <summary>
    /// The bootstrap replicates of every interval unless asked otherwise: these intervals, bias gaps, run comparisons,
    /// label audits and the command-line options that set them.
    /// </summary>
    public const int DefaultResamples = 1000;

    /// <summary>Computes the intervals; <paramref name="truth"/> and <paramref name="predicted"/> are class indices below <paramref name="classes"/>.</summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty, or an index is out of range.</exception>
    public static BootstrapIntervals Compute(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, int classes, int resamples = DefaultResamples, double level = 0.95, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (level is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The level must be between 0 and 1.");
        }

        if (truth.Count != predicted.Count || truth.Count == 0)
        {
            throw new ArgumentException("truth and predicted must be non-empty and of equal length");
        }

        int n = truth.Count;
        for (int i = 0; i < n; i++)
        {
            if ((uint)truth[i] >= (uint)classes || (uint)predicted[i] >= (uint)classes)
            {
                throw new ArgumentException($"prediction {i} has a class index outside 0..{classes - 1}");
            }
        }

        var observed = Metrics(truth, predicted, classes, Enumerable.Range(0, n));
        var samples = new Sample[resamples];
        var random = new SeededRandom(seed);
        var index = new int[n];
        for (int b = 0; b < resamples; b++)
        {
            for (int i = 0; i < n; i++)
            {
                index[i] = random.Next(n);
            }

            samples[b] = Metrics(truth, predicted, classes, index);
        }

        MetricInterval Interval(double value, Func<Sample, double> pick)
        {
            double[] values = samples.Select(pick).Order().ToArray();
            return new MetricInterval(value, Quantile(values, (1 - level) / 2), Quantile(values, 1 - ((1 - level) / 2)));
        }

        return new BootstrapIntervals(
            resamples,
            level,
            Interval(observed.Accuracy, s => s.Accuracy),
            Interval(observed.MacroF1, s => s.MacroF1),
            Interval(observed.WeightedF1, s => s.WeightedF1),
            Enumerable.Range(0, classes).Select(c => Interval(observed.Precision[c], s => s.Precision[c])).ToArray(),
            Enumerable.Range(0, classes).Select(c => Interval(observed.Recall[c], s => s.Recall[c])).ToArray(),
            Enumerable.Range(0, classes).Select(c => Interval(observed.F1[c], s => s.F1[c])).ToArray());
    }

    // Linear interpolation between order statistics (numpy's default "linear" method).
    private static double Quantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }

    private static Sample Metrics(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, int classes, IEnumerable<int> indices)
    {
        var tp = new int[classes];
        var trueCount = new int[classes];
        var predCount = new int[classes];
        int total = 0;
        int correct = 0;
        foreach (int i in indices)
        {
            int t = truth[i];
            int p = predicted[i];
            trueCount[t]++;
            predCount[p]++;
            total++;
            if (t == p)
            {
                tp[t]++;
                correct++;
            }
        }

        var precision = new double[classes];
        var recall = new double[classes];
        var f1 = new double[classes];
        double weighted = 0;
        for (int c = 0; c < classes; c++)
        {
            precision[c] = predCount[c] == 0 ? 0 : (double)tp[c] / predCount[c];
            recall[c] = trueCount[c] == 0 ? 0 : (double)tp[c] / trueCount[c];
            f1[c] = precision[c] + recall[c] == 0 ? 0 : 2 * precision[c] * recall[c] / (precision[c] + recall[c]);
            weighted += f1[c] * trueCount[c];
        }

        return new Sample((double)correct / total, f1.Average(), weighted / total, precision, recall, f1);
    }

    private sealed record Sample(double Accuracy, double MacroF1, double WeightedF1, double[] Precision, double[] Recall, double[] F1);
}
