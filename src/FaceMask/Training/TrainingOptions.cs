namespace FaceMask.Training;

/// <summary>Hyper-parameters and run settings of one training run.</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 0.001;

    /// <summary>Seed for weights, shuffling, dropout and augmentation.</summary>
    public int Seed { get; init; }

    /// <summary>libtorch intra-op threads (results depend on it; fix it for bit-identical runs).</summary>
    public int Threads { get; init; } = 2;

    /// <summary>Random flip, resized crop, brightness and saturation jitter on each training batch.</summary>
    public bool Augment { get; init; }

    /// <summary>How strongly <see cref="Augment"/> changes the images: an <see cref="AugmentationPolicy"/> name.</summary>
    public string AugmentPolicy { get; init; } = AugmentationPolicy.Basic.Name;

    /// <summary>
    /// Label smoothing of the cross-entropy (0 = none): the target puts this share of its weight evenly on all classes,
    /// which keeps the network from becoming certain of labels that may be wrong.
    /// </summary>
    public double LabelSmoothing { get; init; }

    /// <summary>
    /// Weight averaging (0 = none): from this fraction of the run's steps on (0–1, e.g. 0.5 = the second half), the
    /// trainable weights after every step are averaged and the average is what training ends with (and what the last
    /// validation sees); see <see cref="WeightAverager"/>. Close to 1 averages only the last step.
    /// </summary>
    public double AverageWeightsFrom { get; init; }

    /// <summary>How the learning rate changes over the run (<see cref="Training.LearningRateSchedule"/>).</summary>
    public string Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>
    /// Learning rate of a pretrained network's new layers (its classifier) as a multiple of <see cref="LearningRate"/>;
    /// 1 trains every layer at the same rate. Only for networks that are <see cref="IPretrainedNetwork"/>s.
    /// </summary>
    public double NewLayersRateFactor { get; init; } = 1;

    /// <summary>Optional per-sample loss weights for the training set (same order as its rows), e.g. for group balancing.</summary>
    public float[]? SampleWeights { get; init; }

    /// <summary>Throws a <see cref="FaceMaskException"/> for values that cannot work.</summary>
    public void Validate()
    {
        if (Epochs < 1)
        {
            throw new FaceMaskException($"--epochs must be at least 1 (got {Epochs})");
        }

        if (BatchSize < 1)
        {
            throw new FaceMaskException($"--batch must be at least 1 (got {BatchSize})");
        }

        if (!(LearningRate > 0))
        {
            throw new FaceMaskException($"--lr must be positive (got {LearningRate})");
        }

        if (!(LabelSmoothing >= 0 && LabelSmoothing < 1))
        {
            throw new FaceMaskException($"--label-smoothing must be at least 0 and below 1 (got {LabelSmoothing})");
        }

        if (!(AverageWeightsFrom >= 0 && AverageWeightsFrom < 1))
        {
            throw new FaceMaskException($"--average-weights-from must be at least 0 and below 1 (got {AverageWeightsFrom})");
        }

        if (!LearningRateSchedule.Names.Contains(Schedule))
        {
            throw new FaceMaskException($"--lr-schedule {Schedule}: unknown schedule; known: {string.Join(", ", LearningRateSchedule.Names)}");
        }

        if (!AugmentationPolicy.Names.Contains(AugmentPolicy))
        {
            throw new FaceMaskException($"--augment-policy {AugmentPolicy}: unknown policy; known: {string.Join(", ", AugmentationPolicy.Names)}");
        }

        if (!(NewLayersRateFactor > 0))
        {
            throw new FaceMaskException($"--classifier-lr-factor must be positive (got {NewLayersRateFactor})");
        }

        if (Threads < 0)
        {
            throw new FaceMaskException($"--threads must be 0 (all cores) or more (got {Threads})");
        }
    }
}
