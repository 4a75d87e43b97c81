namespace FaceMask.Bias;

/// <summary>A difference between two metric values with its bootstrap percentile interval.</summary>
/// <param name="Value">The difference on the full data.</param>
/// <param name="Low">Lower end of the interval (null when undefined).</param>
/// <param name="High">Upper end of the interval.</param>
/// <param name="IncludesZero">True when the interval contains 0: the data do not show which side is larger.</param>
public sealed record BiasDifference(double Value, double? Low, double? High, bool IncludesZero);
