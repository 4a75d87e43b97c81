using FaceMask.Bias;
using FaceMask.Reporting;

namespace FaceMask.Runs;

/// <summary>What a <see cref="RunPipeline"/> run wrote.</summary>
public sealed record RunOutcome
{
    /// <summary>The run folder.</summary>
    public required string RunDirectory { get; init; }

    /// <summary>The run's report (report.json), or null when only a bias analysis of another run's predictions was written.</summary>
    public RunReport? Report { get; init; }

    /// <summary>The bias analysis (bias.json), when group labels were given.</summary>
    public BiasReport? Bias { get; init; }

    /// <summary>Training was cancelled; the model holds the last complete epoch.</summary>
    public bool Cancelled { get; init; }
}
