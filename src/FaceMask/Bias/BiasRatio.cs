namespace FaceMask.Bias;

/// <summary>A ratio (smaller over larger value) with its bootstrap percentile interval.</summary>
/// <param name="Value">The ratio on the full data; null when the larger value is 0.</param>
/// <param name="Low">Lower end of the interval (null when undefined).</param>
/// <param name="High">Upper end of the interval.</param>
/// <param name="IncludesOne">True when the interval contains 1 (parity).</param>
public sealed record BiasRatio(double? Value, double? Low, double? High, bool IncludesOne);
