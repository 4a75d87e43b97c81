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

        if (Threads < 0)
        {
            throw new FaceMaskException($"--threads must be 0 (all cores) or more (got {Threads})");
        }
    }
}
