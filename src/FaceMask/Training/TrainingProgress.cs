namespace FaceMask.Training;

/// <summary>What a training run reports while it runs: a batch finished, or an epoch finished.</summary>
/// <param name="Fold">Fold number (1-based) in a k-fold run, else null.</param>
/// <param name="Epoch">1-based epoch in progress.</param>
/// <param name="Epochs">Epochs planned.</param>
/// <param name="BatchesDone">Batches finished in this epoch.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="Completed">The epoch's result when an epoch has just finished, else null.</param>
public sealed record TrainingProgress(int? Fold, int Epoch, int Epochs, int BatchesDone, int Batches, EpochResult? Completed);
