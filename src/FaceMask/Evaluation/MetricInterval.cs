namespace FaceMask.Evaluation;

/// <summary>A metric's point estimate with the low and high ends of its confidence interval.</summary>
/// <param name="Value">The metric on the data as observed.</param>
/// <param name="Low">Lower end of the interval.</param>
/// <param name="High">Upper end of the interval.</param>
public sealed record MetricInterval(double Value, double Low, double High);
