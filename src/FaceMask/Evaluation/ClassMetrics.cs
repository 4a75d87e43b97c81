namespace FaceMask.Evaluation;

/// <summary>Precision, recall and F1 of one class, and its support (how many samples truly belong to it).</summary>
/// <param name="Label">The class name.</param>
/// <param name="Precision">Correct predictions of the class over all predictions of it; 0 when it is never predicted.</param>
/// <param name="Recall">Correct predictions of the class over its samples; 0 when it has no samples.</param>
/// <param name="F1">The harmonic mean of precision and recall; 0 when both are 0.</param>
/// <param name="Support">The number of samples whose true class is this one.</param>
public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support);
