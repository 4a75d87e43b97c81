namespace FaceMask.Bias;

/// <summary>
/// The gap in one metric between the groups that score highest and lowest on the full data. The bootstrap keeps
/// that pair fixed, so the difference's interval can include 0 (it does when the data do not show which of the two
/// is better); a max − min recomputed per replicate would always be positive and biased upward for small groups.
/// </summary>
/// <param name="Metric">The metric, e.g. <c>accuracy</c>, <c>macro_f1</c>, <c>tpr</c> or <c>fpr</c>.</param>
/// <param name="HighGroup">The group with the largest value.</param>
/// <param name="LowGroup">The group with the smallest value.</param>
/// <param name="HighValue">Its value.</param>
/// <param name="LowValue">Its value.</param>
/// <param name="Difference">High minus low (max − min over groups), with its interval.</param>
/// <param name="Ratio">Low over high (min / max over groups), with its interval.</param>
/// <param name="HighCount">The images behind the high value (the group's size; for a TPR the group's images of the class, for an FPR the others).</param>
/// <param name="LowCount">The images behind the low value.</param>
/// <param name="Small">True when either count is under the minimum group size: the interval is unreliable and no verdict is given.</param>
public sealed record BiasGap(
    string Metric,
    string HighGroup,
    string LowGroup,
    double HighValue,
    double LowValue,
    BiasDifference Difference,
    BiasRatio Ratio,
    int HighCount = 0,
    int LowCount = 0,
    bool Small = false);
