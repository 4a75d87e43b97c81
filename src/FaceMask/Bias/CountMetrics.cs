namespace FaceMask.Bias;

/// <summary>
/// The metrics the bias analysis reports, computed straight from a k×k count matrix (row-major, rows true,
/// columns predicted) with sklearn's conventions (zero_division=0, macro = plain mean over all labels).
/// Used for bootstrap replicates, where rebuilding full reports would be far too slow.
/// </summary>
internal static class CountMetrics
{
    /// <summary>Index of accuracy in a metric vector.</summary>
    public const int Accuracy = 0;

    /// <summary>Index of macro precision.</summary>
    public const int MacroPrecision = 1;

    /// <summary>Index of macro recall.</summary>
    public const int MacroRecall = 2;

    /// <summary>Index of macro F1.</summary>
    public const int MacroF1 = 3;

    /// <summary>The headline metric names, in vector order.</summary>
    public static readonly string[] HeadlineNames = ["accuracy", "macro_precision", "macro_recall", "macro_f1"];

    /// <summary>The length of the metric vector for <paramref name="k"/> classes.</summary>
    public static int Length(int k) => 4 + (3 * k);

    /// <summary>Index of class <paramref name="c"/>'s recall (0 when the class has no samples, as sklearn).</summary>
    public static int Recall(int c) => 4 + c;

    /// <summary>Index of class <paramref name="c"/>'s one-vs-rest true-positive rate (NaN when the class has no samples).</summary>
    public static int Tpr(int k, int c) => 4 + k + c;

    /// <summary>Index of class <paramref name="c"/>'s one-vs-rest false-positive rate (NaN when every sample is of the class).</summary>
    public static int Fpr(int k, int c) => 4 + (2 * k) + c;

    /// <summary>Fills <paramref name="metrics"/> (length <see cref="Length"/>) from <paramref name="counts"/> (length k*k).</summary>
    public static void Compute(ReadOnlySpan<int> counts, int k, Span<double> metrics)
    {
        int total = 0;
        int trace = 0;
        double sumP = 0, sumR = 0, sumF = 0;
        for (int c = 0; c < k; c++)
        {
            int tp = counts[(c * k) + c];
            int rowSum = 0, colSum = 0;
            for (int j = 0; j < k; j++)
            {
                rowSum += counts[(c * k) + j];
                colSum += counts[(j * k) + c];
            }

            total += rowSum;
            trace += tp;
            double p = colSum == 0 ? 0.0 : (double)tp / colSum;
            double r = rowSum == 0 ? 0.0 : (double)tp / rowSum;
            double f = p + r == 0.0 ? 0.0 : 2.0 * p * r / (p + r);
            sumP += p;
            sumR += r;
            sumF += f;
            metrics[Recall(c)] = r;
            metrics[Tpr(k, c)] = rowSum == 0 ? double.NaN : r;

            // Stash the false positives; the rate needs the total, known after the loop.
            metrics[Fpr(k, c)] = colSum - tp;
        }

        metrics[Accuracy] = total == 0 ? 0.0 : (double)trace / total;
        metrics[MacroPrecision] = sumP / k;
        metrics[MacroRecall] = sumR / k;
        metrics[MacroF1] = sumF / k;
        for (int c = 0; c < k; c++)
        {
            int rowSum = 0;
            for (int j = 0; j < k; j++)
            {
                rowSum += counts[(c * k) + j];
            }

            int negatives = total - rowSum;
            metrics[Fpr(k, c)] = negatives == 0 ? double.NaN : metrics[Fpr(k, c)] / negatives;
        }
    }
}
