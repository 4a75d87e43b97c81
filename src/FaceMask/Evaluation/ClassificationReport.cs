using System.Globalization;
using System.Text;

namespace FaceMask.Evaluation;

/// <summary>
/// Per-class and averaged precision, recall and F1 with accuracy and the confusion matrix; the numbers
/// and the text layout are those of sklearn's <c>classification_report</c> called with
/// <c>labels=range(len(labels))</c>, <c>target_names=labels</c> and <c>zero_division=0</c>.
/// </summary>
public sealed class ClassificationReport
{
    private const string LongestLastLineHeading = "weighted avg";
    private static readonly string[] Headers = ["precision", "recall", "f1-score", "support"];

    private readonly AveragedMetrics _micro;
    private readonly bool _microIsAccuracy;

    private ClassificationReport(
        ConfusionMatrix confusion,
        IReadOnlyList<ClassMetrics> perClass,
        double accuracy,
        AveragedMetrics macro,
        AveragedMetrics weighted,
        AveragedMetrics micro,
        bool microIsAccuracy)
    {
        Confusion = confusion;
        Labels = confusion.Labels;
        PerClass = perClass;
        Accuracy = accuracy;
        Support = confusion.Total;
        Macro = macro;
        Weighted = weighted;
        _micro = micro;
        _microIsAccuracy = microIsAccuracy;
    }

    /// <summary>The class names, in index order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Correct predictions over all samples (the confusion matrix's trace over its total); 0 for no samples.</summary>
    public double Accuracy { get; }

    /// <summary>The number of samples evaluated.</summary>
    public int Support { get; }

    /// <summary>The metrics of each class, in label order.</summary>
    public IReadOnlyList<ClassMetrics> PerClass { get; }

    /// <summary>The unweighted mean over all labels, including labels with no samples (which count as 0 recall).</summary>
    public AveragedMetrics Macro { get; }

    /// <summary>The mean over labels weighted by support; all 0 when there are no samples.</summary>
    public AveragedMetrics Weighted { get; }

    /// <summary>The confusion matrix the metrics come from.</summary>
    public ConfusionMatrix Confusion { get; }

    /// <summary>Evaluates predictions; <paramref name="truth"/> and <paramref name="predicted"/> hold indices into <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">The lists differ in length, no labels are given, or an index is out of range.</exception>
    public static ClassificationReport Compute(
        IReadOnlyList<int> truth,
        IReadOnlyList<int> predicted,
        IReadOnlyList<string> labels) =>
        FromConfusion(ConfusionMatrix.FromPredictions(truth, predicted, labels));

    /// <summary>Evaluates the predictions counted in a confusion matrix.</summary>
    public static ClassificationReport FromConfusion(ConfusionMatrix confusion)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        int k = confusion.Count;
        var precision = new double[k];
        var recall = new double[k];
        var f1 = new double[k];
        var support = new int[k];
        var perClass = new ClassMetrics[k];
        bool everyLabelSeen = true;
        for (int c = 0; c < k; c++)
        {
            int tp = confusion[c, c];
            int predictedCount = confusion.ColumnSum(c);
            int trueCount = confusion.RowSum(c);
            precision[c] = Divide(tp, predictedCount);
            recall[c] = Divide(tp, trueCount);
            f1[c] = FScore(precision[c], recall[c]);
            support[c] = trueCount;
            everyLabelSeen &= predictedCount + trueCount > 0;
            perClass[c] = new ClassMetrics(confusion.Labels[c], precision[c], recall[c], f1[c], trueCount);
        }

        int total = confusion.Total;
        int trace = confusion.Trace();
        var macro = new AveragedMetrics(NumpySum.Mean(precision), NumpySum.Mean(recall), NumpySum.Mean(f1));

        // Every sample's true and predicted class is a label, so micro precision = micro recall = accuracy;
        // sklearn still computes the micro F-score with the F formula, and prints that on the accuracy row.
        double micro = Divide(trace, total);
        var microMetrics = new AveragedMetrics(micro, micro, FScore(micro, micro));

        return new ClassificationReport(
            confusion,
            perClass,
            Divide(trace, total),
            macro,
            WeightedAverage(precision, recall, f1, support),
            microMetrics,
            everyLabelSeen);
    }

    /// <summary>
    /// The report as text, laid out exactly like sklearn's <c>classification_report(y_true, y_pred,
    /// labels=range(len(labels)), target_names=labels, digits=digits, zero_division=0)</c>, including
    /// its "accuracy", "macro avg" and "weighted avg" rows. (Like sklearn, when some label occurs in
    /// neither the truth nor the predictions, the accuracy row becomes a "micro avg" row; and when no
    /// prediction is correct, sklearn's supports are floats, so they are printed as "12.0".)
    /// </summary>
    /// <param name="digits">Decimal places of the numbers.</param>
    public string ToText(int digits = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);

        // sklearn's multilabel_confusion_matrix makes its counts float64 when there is no true positive at
        // all, and classification_report then prints the supports as Python floats.
        bool floatSupport = Confusion.Trace() == 0;
        int nameWidth = Labels.Count == 0 ? 0 : Labels.Max(PythonText.Length);
        int width = Math.Max(Math.Max(nameWidth, LongestLastLineHeading.Length), digits);

        var sb = new StringBuilder();
        sb.Append(PythonText.Right(string.Empty, width)).Append(' ');
        foreach (string header in Headers)
        {
            sb.Append(' ').Append(PythonText.Right(header, 9));
        }

        sb.Append("\n\n");
        foreach (ClassMetrics row in PerClass)
        {
            AppendRow(sb, row.Label, row.Precision, row.Recall, row.F1, SupportText(row.Support), width, digits);
        }

        sb.Append('\n');
        if (_microIsAccuracy)
        {
            sb.Append(PythonText.Right("accuracy", width)).Append(' ')
                .Append(' ').Append(PythonText.Right(string.Empty, 9))
                .Append(' ').Append(PythonText.Right(string.Empty, 9))
                .Append(' ').Append(PythonText.Right(PythonText.Fixed(_micro.F1, digits), 9))
                .Append(' ').Append(PythonText.Right(SupportText(Support), 9))
                .Append('\n');
        }
        else
        {
            AppendRow(sb, "micro avg", _micro.Precision, _micro.Recall, _micro.F1, SupportText(Support), width, digits);
        }

        AppendRow(sb, "macro avg", Macro.Precision, Macro.Recall, Macro.F1, SupportText(Support), width, digits);
        AppendRow(sb, "weighted avg", Weighted.Precision, Weighted.Recall, Weighted.F1, SupportText(Support), width, digits);
        return sb.ToString();

        string SupportText(int support) =>
            support.ToString(CultureInfo.InvariantCulture) + (floatSupport ? ".0" : string.Empty);
    }

    /// <inheritdoc/>
    public override string ToString() => ToText();

    private static void AppendRow(
        StringBuilder sb, string heading, double p, double r, double f, string support, int width, int digits)
    {
        sb.Append(PythonText.Right(heading, width)).Append(' ');
        foreach (double value in (ReadOnlySpan<double>)[p, r, f])
        {
            sb.Append(' ').Append(PythonText.Right(PythonText.Fixed(value, digits), 9));
        }

        sb.Append(' ').Append(PythonText.Right(support, 9)).Append('\n');
    }

    private static AveragedMetrics WeightedAverage(double[] precision, double[] recall, double[] f1, int[] support)
    {
        long totalWeight = support.Sum(s => (long)s);
        if (totalWeight == 0)
        {
            // sklearn with zero_division=0 when no sample has any of the labels.
            return new AveragedMetrics(0.0, 0.0, 0.0);
        }

        // np.average(x, weights=w) = np.multiply(x, w).sum() / w.sum()
        double Average(double[] values)
        {
            var products = new double[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                products[i] = values[i] * support[i];
            }

            return NumpySum.Sum(products) / totalWeight;
        }

        return new AveragedMetrics(Average(precision), Average(recall), Average(f1));
    }

    private static double Divide(int numerator, int denominator) =>
        denominator == 0 ? 0.0 : (double)numerator / denominator;

    // sklearn: (1 + beta^2) * precision * recall / (beta^2 * precision + recall), denominator 0 -> 1.
    private static double FScore(double precision, double recall)
    {
        double denominator = precision + recall;
        return denominator == 0.0 ? 0.0 : 2.0 * precision * recall / denominator;
    }
}
