namespace FaceMask.Bias;

/// <summary>
/// Multiclass equalised odds: one-vs-rest TPR and FPR gaps per class, and the worst of them (the largest gap that is not
/// small, or the largest of all when every gap is small).
/// </summary>
/// <param name="PerClass">Every class, in label order.</param>
/// <param name="WorstClass">The class of the largest TPR or FPR gap (null when no gap is defined).</param>
/// <param name="WorstRate">"tpr" or "fpr".</param>
/// <param name="Worst">That gap.</param>
public sealed record BiasEqualizedOdds(
    IReadOnlyList<BiasClassOdds> PerClass,
    string? WorstClass,
    string? WorstRate,
    BiasGap? Worst);
