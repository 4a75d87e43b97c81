using FaceMask.Bias;

namespace FaceMask.Comparison;

/// <summary>One overall metric across runs (the original's "Metric | Old | New" row).</summary>
/// <param name="Metric">accuracy, macro_precision, macro_recall or macro_f1.</param>
/// <param name="Values">The metric of each run (null when the run lacks it).</param>
/// <param name="Changes">Each run minus the first, with its interval (null for the first run or when not computable).</param>
public sealed record MetricComparison(string Metric, IReadOnlyList<double?> Values, IReadOnlyList<BiasDifference?> Changes);
