using FaceMask.Evaluation;

namespace FaceMask.Auditing;

/// <summary>
/// A scored label audit: how the run scores against the dataset's labels (exact) and against the reviewer's labels
/// (estimated from the stratified sample, with stratified bootstrap intervals), and how many labels the reviewer
/// changed. An image the reviewer marked unsure keeps the dataset's label; the estimated share of such images is
/// reported beside the estimates.
/// </summary>
public sealed record AuditReport
{
    /// <summary>The audited run folder.</summary>
    public required string Run { get; init; }

    /// <summary>The dataset root, when known.</summary>
    public string? DataRoot { get; init; }

    /// <summary>The classes.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>The run's images (the population the estimates are about).</summary>
    public int Images { get; init; }

    /// <summary>Bootstrap replicates drawn (0 = no intervals: low and high equal the estimate).</summary>
    public int Bootstrap { get; init; }

    /// <summary>Seed of the bootstrap.</summary>
    public int Seed { get; init; }

    /// <summary>Coverage of the intervals.</summary>
    public double Level { get; init; }

    /// <summary>The strata: sizes, reviews and agreement counts.</summary>
    public required IReadOnlyList<AuditStratumSummary> Strata { get; init; }

    /// <summary>Items of the sample not reviewed yet (empty label).</summary>
    public int NotReviewed { get; init; }

    /// <summary>Accuracy against the dataset's labels (exact).</summary>
    public double GivenAccuracy { get; init; }

    /// <summary>Macro-F1 against the dataset's labels (exact).</summary>
    public double GivenMacroF1 { get; init; }

    /// <summary>Estimated accuracy against the reviewer's labels.</summary>
    public required MetricInterval ReviewedAccuracy { get; init; }

    /// <summary>Estimated macro-F1 against the reviewer's labels.</summary>
    public required MetricInterval ReviewedMacroF1 { get; init; }

    /// <summary>Estimated share of the run's images whose label the reviewer changed.</summary>
    public required MetricInterval LabelErrorRate { get; init; }

    /// <summary>Estimated share of the run's images a reviewer cannot decide.</summary>
    public required MetricInterval UnsureShare { get; init; }

    /// <summary>Per class, in label order.</summary>
    public required IReadOnlyList<AuditClassEstimate> Classes { get; init; }

    /// <summary>Reviewed items whose label the reviewer changed, by item number.</summary>
    public required IReadOnlyList<AuditFinding> Relabelled { get; init; }

    /// <summary>Items marked unsure, by item number.</summary>
    public required IReadOnlyList<AuditFinding> Undecided { get; init; }
}
