using FaceMask.Evaluation;
using FaceMask.Training;

namespace FaceMask.Protocols;

/// <summary>One fold of a k-fold run: its metrics, training history and train-set report.</summary>
/// <param name="Fold">1-based fold number.</param>
/// <param name="Test">Report on the fold's held-out images.</param>
/// <param name="Train">Report on the fold's training images, predicted after training.</param>
/// <param name="History">Per-epoch figures.</param>
/// <param name="Seconds">Wall time of the fold.</param>
public sealed record FoldOutcome(int Fold, ClassificationReport Test, ClassificationReport Train, IReadOnlyList<EpochResult> History, double Seconds)
{
    /// <summary>The fold's headline metrics.</summary>
    public FoldMetrics Metrics => new(Fold, Train.Support, Test.Support, Test.Accuracy, Test.Macro, Test.Weighted);
}
