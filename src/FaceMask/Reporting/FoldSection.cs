namespace FaceMask.Reporting;

/// <summary>One fold in report.json.</summary>
public sealed record FoldSection
{
    /// <summary>1-based fold number.</summary>
    public int Fold { get; init; }

    /// <summary>Images trained on.</summary>
    public int TrainCount { get; init; }

    /// <summary>Images tested on.</summary>
    public int TestCount { get; init; }

    /// <summary>Wall time of the fold in seconds.</summary>
    public double Seconds { get; init; }

    /// <summary>Accuracy, 0–1.</summary>
    public double Accuracy { get; init; }

    /// <summary>The fold's full test report.</summary>
    public required MetricsSection Test { get; init; }

    /// <summary>The fold's macro averages (same as <c>Test.Macro</c>, repeated for easy reading).</summary>
    public required Evaluation.AveragedMetrics Macro { get; init; }

    /// <summary>The fold's weighted averages.</summary>
    public required Evaluation.AveragedMetrics Weighted { get; init; }

    /// <summary>Per-class figures.</summary>
    public required IReadOnlyList<Evaluation.ClassMetrics> PerClass { get; init; }
}
