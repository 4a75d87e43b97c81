using FaceMask.Bias;

namespace FaceMask.Comparison;

/// <summary>One group's accuracy across runs that have bias.json.</summary>
/// <param name="Attribute">The attribute (or intersection).</param>
/// <param name="Group">The group.</param>
/// <param name="Counts">Images of the group in each run (null when absent).</param>
/// <param name="Accuracy">The group's accuracy in each run, with its interval.</param>
/// <param name="Changes">Each run minus the first, with its interval.</param>
public sealed record GroupComparison(
    string Attribute,
    string Group,
    IReadOnlyList<int?> Counts,
    IReadOnlyList<BiasEstimate?> Accuracy,
    IReadOnlyList<BiasDifference?> Changes);
