using FaceMask.Reporting;

namespace FaceMask.Comparison;

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

    /// <summary>The architecture that was trained or evaluated, when recorded.</summary>
    public string? Arch { get; init; }

    /// <summary>How the run evaluated its model (<see cref="RunProtocol.Describe"/>), when it has report.json.</summary>
    public string? Protocol { get; init; }

    /// <summary>Mean accuracy over the folds (k-fold runs).</summary>
    public double? FoldAccuracy { get; init; }

    /// <summary>Standard deviation of the fold accuracies (k-fold runs).</summary>
    public double? FoldAccuracySd { get; init; }

    /// <summary>Mean macro-F1 over the folds (k-fold runs).</summary>
    public double? FoldMacroF1 { get; init; }

    /// <summary>Per-class precision, recall and F1 of the run's test figures (pooled out-of-fold for k-fold).</summary>
    public IReadOnlyList<Evaluation.ClassMetrics> PerClass { get; init; } = [];

    /// <summary>Wall time of the run in seconds, when recorded.</summary>
    public double? WallSeconds { get; init; }
}
