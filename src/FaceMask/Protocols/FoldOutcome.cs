using FaceMask.Evaluation;
using FaceMask.Training;

namespace FaceMask.Protocols;

/// <summary>One fold of a k-fold run: its test report and training history.</summary>
/// <param name="Fold">1-based fold number.</param>
/// <param name="Test">Report on the fold's held-out images.</param>
/// <param name="TrainCount">Images the fold trained on.</param>
/// <param name="History">Per-epoch figures.</param>
/// <param name="Seconds">Wall time of the fold.</param>
public sealed record FoldOutcome(int Fold, ClassificationReport Test, int TrainCount, IReadOnlyList<EpochResult> History, double Seconds)
{
    /// <summary>The fold's headline metrics.</summary>
    public FoldMetrics Metrics => new(Fold, TrainCount, Test.Support, Test.Accuracy, Test.Macro, Test.Weighted);
}
