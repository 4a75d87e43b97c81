using FaceMask.Evaluation;

namespace FaceMask.Auditing;

/// <summary>One class in a scored audit: the model's F1 against the dataset's labels and, estimated, against the reviewer's.</summary>
/// <param name="Label">The class.</param>
/// <param name="GivenF1">F1 against the dataset's labels (exact, every image of the run).</param>
/// <param name="ReviewedPrecision">Estimated precision against the reviewer's labels.</param>
/// <param name="ReviewedRecall">Estimated recall against the reviewer's labels.</param>
/// <param name="ReviewedF1">Estimated F1 against the reviewer's labels.</param>
/// <param name="LabelErrorRate">Estimated share of the images filed under this class whose label the reviewer changed.</param>
public sealed record AuditClassEstimate(
    string Label, double GivenF1, MetricInterval ReviewedPrecision, MetricInterval ReviewedRecall, MetricInterval ReviewedF1, MetricInterval LabelErrorRate);
