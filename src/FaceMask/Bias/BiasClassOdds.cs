namespace FaceMask.Bias;

/// <summary>
/// One class treated one-vs-rest: each group's true-positive rate (the class's recall) and false-positive rate
/// (how often other classes are predicted as this one), and the gaps between groups. A group without any image of
/// the class has no TPR, and a group made only of the class has no FPR; they are left out of that rate. The gap is taken
/// between groups whose rate rests on at least the minimum group size of images (positives for the TPR, negatives for the
/// FPR) when two such groups exist; otherwise between all groups that define the rate, and it is marked small.
/// </summary>
/// <param name="Label">The class.</param>
/// <param name="Tpr">TPR by group (only groups where it is defined).</param>
/// <param name="Fpr">FPR by group (only groups where it is defined).</param>
/// <param name="TprGap">The TPR gap, or null with fewer than two groups defining it.</param>
/// <param name="FprGap">The FPR gap, or null with fewer than two groups defining it.</param>
public sealed record BiasClassOdds(
    string Label,
    IReadOnlyDictionary<string, double> Tpr,
    IReadOnlyDictionary<string, double> Fpr,
    BiasGap? TprGap,
    BiasGap? FprGap);
