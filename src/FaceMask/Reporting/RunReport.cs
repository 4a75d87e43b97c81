using FaceMask.Training;

namespace FaceMask.Reporting;

/// <summary>
/// Everything a run produced, as written to <c>report.json</c>. The top level carries the test (held-out or
/// pooled out-of-fold) metrics; <see cref="Train"/>, <see cref="Folds"/>, <see cref="Mean"/> and <see cref="Sd"/>
/// are present when the run has them. Predictions are kept beside it in <c>predictions.csv</c>.
/// </summary>
public sealed record RunReport
{
    /// <summary>report.json format tag.</summary>
    public string Format { get; init; } = "facemask-report/1";

    /// <summary>The command verb: train, kfold, evaluate.</summary>
    public required string Verb { get; init; }

    /// <summary>The command line that produced the run.</summary>
    public required string Command { get; init; }

    /// <summary>When the run started (UTC).</summary>
    public DateTime StartedUtc { get; init; }

    /// <summary>Wall time in seconds.</summary>
    public double WallSeconds { get; init; }

    /// <summary>True when the run was stopped early.</summary>
    public bool Cancelled { get; init; }

    /// <summary>Class names.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Test accuracy, 0–1.</summary>
    public double Accuracy { get; init; }

    /// <summary>Per-class test figures.</summary>
    public required IReadOnlyList<Evaluation.ClassMetrics> PerClass { get; init; }

    /// <summary>Macro averages on the test predictions.</summary>
    public required Evaluation.AveragedMetrics Macro { get; init; }

    /// <summary>Weighted averages on the test predictions.</summary>
    public required Evaluation.AveragedMetrics Weighted { get; init; }

    /// <summary>Test confusion matrix, rows true, columns predicted.</summary>
    public required int[][] ConfusionMatrix { get; init; }

    /// <summary>The full test section (same numbers as the top level, for tools that read sections).</summary>
    public required MetricsSection Test { get; init; }

    /// <summary>Training-set report, when there was training.</summary>
    public MetricsSection? Train { get; init; }

    /// <summary>Per-fold results (k-fold).</summary>
    public IReadOnlyList<FoldSection>? Folds { get; init; }

    /// <summary>Mean over folds (k-fold).</summary>
    public SummaryStatistics? Mean { get; init; }

    /// <summary>Sample standard deviation over folds (k-fold).</summary>
    public SummaryStatistics? Sd { get; init; }

    /// <summary>
    /// Calibration of the test (held-out or pooled out-of-fold) probabilities: temperature, ECE, NLL and Brier score
    /// before and after scaling, reliability bins, risk–coverage curve and unsure threshold. Absent when the run has no
    /// labelled test predictions (and in reports written before it existed).
    /// </summary>
    public Calibration.CalibrationReport? Calibration { get; init; }

    /// <summary>Per-epoch loss and accuracy (all folds).</summary>
    public IReadOnlyList<EpochResult> History { get; init; } = [];

    /// <summary>The data used.</summary>
    public DataSection? Data { get; init; }

    /// <summary>The model's manifest, when a model was trained or evaluated.</summary>
    public Models.ModelManifest? Model { get; init; }

    /// <summary>Settings of the run (hyper-parameters, split, seed, threads), for the record.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
