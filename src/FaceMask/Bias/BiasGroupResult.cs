using FaceMask.Reporting;

namespace FaceMask.Bias;

/// <summary>One group's evaluation (or the overall one): counts, metrics with intervals, the full report.</summary>
public sealed record BiasGroupResult
{
    /// <summary>The group's name (the attribute's value), or "overall".</summary>
    public required string Name { get; init; }

    /// <summary>How many evaluated images are in the group.</summary>
    public int Count { get; init; }

    /// <summary>True when <see cref="Count"/> is under the minimum group size (its numbers are very uncertain).</summary>
    public bool Small { get; init; }

    /// <summary>accuracy, macro_precision, macro_recall, macro_f1, each with its interval.</summary>
    public required IReadOnlyDictionary<string, BiasEstimate> Metrics { get; init; }

    /// <summary>Recall of each class inside the group, in label order.</summary>
    public required IReadOnlyList<BiasClassRecall> PerClassRecall { get; init; }

    /// <summary>Group minus overall for each headline metric, with intervals (empty for the overall entry).</summary>
    public IReadOnlyDictionary<string, BiasDifference> DifferenceToOverall { get; init; } = new Dictionary<string, BiasDifference>();

    /// <summary>The group's classification report and confusion matrix (rows true, columns predicted).</summary>
    public required MetricsSection Report { get; init; }

    /// <summary>The classification report as text, in sklearn's layout (4 digits).</summary>
    public required string ReportText { get; init; }
}
