namespace FaceMask.Reporting;

/// <summary>One run folder of a comparison.</summary>
public sealed record ComparedRun
{
    /// <summary>Short name (the folder's name).</summary>
    public required string Name { get; init; }

    /// <summary>Full path of the run folder.</summary>
    public required string Path { get; init; }

    /// <summary>train, kfold, evaluate or bias.</summary>
    public string? Verb { get; init; }

    /// <summary>The command line that produced it, when recorded.</summary>
    public string? Command { get; init; }

    /// <summary>Images evaluated.</summary>
    public int Images { get; init; }

    /// <summary>The attribute the training was balanced by, when it was.</summary>
    public string? BalancedBy { get; init; }

    /// <summary>True when the folder has bias.json.</summary>
    public bool HasBias { get; init; }

    /// <summary>
    /// How this run's changes against the first run were judged: "paired bootstrap" (the same images),
    /// "independent bootstrap" (different images), "normal approximation" (only the runs' own intervals) or "none";
    /// empty for the first run.
    /// </summary>
    public string Method { get; init; } = string.Empty;
}
