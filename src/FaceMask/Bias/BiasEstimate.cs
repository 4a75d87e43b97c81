namespace FaceMask.Bias;

/// <summary>A metric on the full data with its bootstrap percentile interval.</summary>
/// <param name="Value">The metric on the full data (0–1).</param>
/// <param name="Low">Lower end of the interval (null when no bootstrap replicate defines the metric).</param>
/// <param name="High">Upper end of the interval.</param>
public sealed record BiasEstimate(double Value, double? Low, double? High);
