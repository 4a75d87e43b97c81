namespace FaceMask.Evaluation;

/// <summary>The headline metrics of one cross-validation fold.</summary>
/// <param name="Fold">The fold number (0-based).</param>
/// <param name="TrainCount">How many samples the fold's model was trained on.</param>
/// <param name="TestCount">How many samples it was evaluated on.</param>
/// <param name="Accuracy">The accuracy on the fold's test samples.</param>
/// <param name="Macro">The macro-averaged precision, recall and F1.</param>
/// <param name="Weighted">The support-weighted precision, recall and F1.</param>
public sealed record FoldMetrics(
    int Fold,
    int TrainCount,
    int TestCount,
    double Accuracy,
    AveragedMetrics Macro,
    AveragedMetrics Weighted)
{
    /// <summary>Takes a fold's metrics from its report (the test count is the report's support).</summary>
    public static FoldMetrics FromReport(int fold, int trainCount, ClassificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new FoldMetrics(fold, trainCount, report.Support, report.Accuracy, report.Macro, report.Weighted);
    }
}
