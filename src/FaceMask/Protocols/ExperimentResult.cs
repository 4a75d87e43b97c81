using FaceMask.Cleaning;
using FaceMask.Evaluation;
using FaceMask.Models;
using FaceMask.Training;

namespace FaceMask.Protocols;

/// <summary>The outcome of a hold-out, k-fold or evaluation run.</summary>
public sealed class ExperimentResult : IDisposable
{
    /// <summary>Class names.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Report on the held-out (or, for k-fold, pooled out-of-fold) predictions.</summary>
    public required ClassificationReport Test { get; init; }

    /// <summary>Report on the training images, when there was training.</summary>
    public ClassificationReport? Train { get; init; }

    /// <summary>Every held-out prediction.</summary>
    public required IReadOnlyList<PredictionRow> Predictions { get; init; }

    /// <summary>Per-epoch history (all folds, in order).</summary>
    public IReadOnlyList<EpochResult> History { get; init; } = [];

    /// <summary>Per-fold outcomes of a k-fold run.</summary>
    public IReadOnlyList<FoldOutcome> Folds { get; init; } = [];

    /// <summary>Mean and sd over folds of a k-fold run.</summary>
    public FoldSummary? Summary { get; init; }

    /// <summary>For a leave-one-group-out k-fold run, the group each fold held out (fold 1 first); otherwise null.</summary>
    public IReadOnlyList<string>? FoldGroups { get; init; }

    /// <summary>Training images left out because their label was flagged (empty unless labels were cleaned).</summary>
    public IReadOnlyList<FlaggedLabel> FlaggedLabels { get; init; } = [];

    /// <summary>The model to save (the trained one, or for k-fold the last fold's); null for evaluation runs.</summary>
    public TrainedModel? Model { get; init; }

    /// <summary>True when training was stopped early (Ctrl+C).</summary>
    public bool Cancelled { get; init; }

    /// <inheritdoc />
    public void Dispose() => Model?.Dispose();
}
