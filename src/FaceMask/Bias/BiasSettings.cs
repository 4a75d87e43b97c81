namespace FaceMask.Bias;

/// <summary>How the intervals were computed, for the record.</summary>
public sealed record BiasSettings
{
    /// <summary>Bootstrap replicates.</summary>
    public int Bootstrap { get; init; }

    /// <summary>Seed of the resampling.</summary>
    public int Seed { get; init; }

    /// <summary>Interval coverage, e.g. 0.95.</summary>
    public double Confidence { get; init; }

    /// <summary>Groups smaller than this are flagged.</summary>
    public int MinGroupSize { get; init; }

    /// <summary>A plain description of the method.</summary>
    public string Method { get; init; } =
        "Percentile bootstrap, stratified by group: each replicate redraws every group's images with replacement " +
        "(keeping each group's size; images of unknown group form their own stratum for the overall figures) and " +
        "recomputes every metric from the resampled confusion counts. Gaps keep the pair of groups that is highest " +
        "and lowest on the full data.";
}
