namespace FaceMask.Training;

/// <summary>The outcome of <see cref="Trainer.Train"/>.</summary>
/// <param name="History">One entry per completed epoch.</param>
/// <param name="Cancelled">True when the run was stopped early; the model then holds the last complete epoch's weights.</param>
public sealed record TrainingResult(IReadOnlyList<EpochResult> History, bool Cancelled)
{
    /// <summary>Epochs completed.</summary>
    public int CompletedEpochs => History.Count;
}
