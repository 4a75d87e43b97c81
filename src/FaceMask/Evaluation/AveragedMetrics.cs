namespace FaceMask.Evaluation;

/// <summary>Precision, recall and F1 averaged over classes (macro: unweighted; weighted: by support).</summary>
/// <param name="Precision">The averaged precision.</param>
/// <param name="Recall">The averaged recall.</param>
/// <param name="F1">The averaged F1 (the average of the per-class F1 values, not the F1 of the averages).</param>
public sealed record AveragedMetrics(double Precision, double Recall, double F1);
