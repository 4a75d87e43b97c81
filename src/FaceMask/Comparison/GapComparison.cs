using FaceMask.Bias;

namespace FaceMask.Comparison;

/// <summary>One gap across runs: each run's gap (its own highest and lowest group) and the change against the first run.</summary>
/// <param name="Attribute">The attribute (or intersection).</param>
/// <param name="Metric">The metric, or <c>equalized_odds_worst</c> for the worst one-vs-rest TPR/FPR gap.</param>
/// <param name="Gaps">Each run's gap (null when absent).</param>
/// <param name="Changes">Each run's gap minus the first run's, with its interval; a change whose interval includes 0 is within the noise.</param>
public sealed record GapComparison(
    string Attribute,
    string Metric,
    IReadOnlyList<BiasGap?> Gaps,
    IReadOnlyList<BiasDifference?> Changes);
