namespace FaceMask.Training;

/// <summary>Loss and accuracy after one epoch; validation figures when a validation set was given.</summary>
/// <param name="Fold">Fold number (1-based) in a k-fold run, else null.</param>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Epochs planned.</param>
/// <param name="Loss">Mean training cross-entropy over the epoch.</param>
/// <param name="Accuracy">Training accuracy over the epoch, 0–1.</param>
/// <param name="ValidationLoss">Mean validation cross-entropy, if any.</param>
/// <param name="ValidationAccuracy">Validation accuracy, 0–1, if any.</param>
/// <param name="Seconds">Wall time of the epoch.</param>
public sealed record EpochResult(
    int? Fold,
    int Epoch,
    int Epochs,
    double Loss,
    double Accuracy,
    double? ValidationLoss,
    double? ValidationAccuracy,
    double Seconds);
