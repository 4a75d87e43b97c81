namespace FaceMask.Training;

/// <summary>The outcome of <see cref="Trainer.Train"/>.</summary>
/// <param name="History">One entry per completed epoch.</param>
/// <param name="Cancelled">True when the run was stopped early; the model then holds the last complete epoch's weights.</param>
internal sealed record TrainingResult(IReadOnlyList<EpochResult> History, bool Cancelled)
{
    /// <summary>Epochs completed.</summary>
    public int CompletedEpochs => History.Count;

    /// <summary>
    /// Softmax probabilities of the validation images under the weights the network was left with (one row per image,
    /// in the validation set's order), as <see cref="Predictor.Probabilities(TorchSharp.torch.nn.Module{TorchSharp.torch.Tensor, TorchSharp.torch.Tensor}, TensorSet, int)"/> computes them; null without a validation
    /// set or when no epoch completed.
    /// </summary>
    public IReadOnlyList<float[]>? ValidationProbabilities { get; init; }
}
