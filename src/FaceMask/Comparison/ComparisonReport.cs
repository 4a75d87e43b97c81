namespace FaceMask.Comparison;

/// <summary>A comparison of run folders, as written to <c>compare.json</c>.</summary>
public sealed record ComparisonReport
{
    /// <summary>compare.json format tag.</summary>
    public string Format { get; init; } = "facemask-compare/1";

    /// <summary>The runs, the first being the baseline ("old").</summary>
    public required IReadOnlyList<ComparedRun> Runs { get; init; }

    /// <summary>Bootstrap replicates used for the changes.</summary>
    public int Bootstrap { get; init; }

    /// <summary>Seed of the resampling.</summary>
    public int Seed { get; init; }

    /// <summary>Interval coverage.</summary>
    public double Confidence { get; init; }

    /// <summary>Accuracy and macro precision, recall and F1 of every run.</summary>
    public required IReadOnlyList<MetricComparison> Metrics { get; init; }

    /// <summary>Every group's accuracy (runs with bias.json).</summary>
    public IReadOnlyList<GroupComparison> Groups { get; init; } = [];

    /// <summary>Every gap (runs with bias.json).</summary>
    public IReadOnlyList<GapComparison> Gaps { get; init; } = [];

    /// <summary>Plain remarks: how changes were judged, mismatches between runs.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
