using FaceMask.Evaluation;

namespace FaceMask.Reporting;

/// <summary>A classification report in report.json's shape.</summary>
public sealed record MetricsSection
{
    /// <summary>Class names.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Accuracy, 0–1.</summary>
    public double Accuracy { get; init; }

    /// <summary>Number of images.</summary>
    public int Support { get; init; }

    /// <summary>Per-class precision, recall, F1, support.</summary>
    public required IReadOnlyList<ClassMetrics> PerClass { get; init; }

    /// <summary>Unweighted mean over classes.</summary>
    public required AveragedMetrics Macro { get; init; }

    /// <summary>Support-weighted mean over classes.</summary>
    public required AveragedMetrics Weighted { get; init; }

    /// <summary>Rows true, columns predicted.</summary>
    public required int[][] ConfusionMatrix { get; init; }

    /// <summary>Converts a computed report.</summary>
    public static MetricsSection From(ClassificationReport report) => new()
    {
        Labels = report.Labels,
        Accuracy = report.Accuracy,
        Support = report.Support,
        PerClass = report.PerClass,
        Macro = report.Macro,
        Weighted = report.Weighted,
        ConfusionMatrix = report.Confusion.ToArray(),
    };
}
