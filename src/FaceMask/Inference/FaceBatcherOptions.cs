namespace FaceMask.Inference;

/// <summary>Settings of <see cref="FaceBatcher"/>: how many faces one network pass takes at most and how long a face may wait for others.</summary>
public sealed record FaceBatcherOptions
{
    /// <summary>The default <see cref="MaxBatchSize"/> (docs/benchmarks.md, <c>bench/results/batch-sizes.json</c>).</summary>
    public const int DefaultMaxBatchSize = 8;

    /// <summary>The default <see cref="WindowMilliseconds"/>.</summary>
    public const double DefaultWindowMilliseconds = 5;

    /// <summary>Most faces classified in one pass of the network (1: every face alone).</summary>
    public int MaxBatchSize { get; init; } = DefaultMaxBatchSize;

    /// <summary>
    /// Longest time, in milliseconds, the oldest waiting face is held back for more faces to fill its batch; only
    /// while a caller has announced faces to come (<see cref="FaceBatcher.Announce"/>), so a lone request never waits.
    /// 0: take what is waiting.
    /// </summary>
    public double WindowMilliseconds { get; init; } = DefaultWindowMilliseconds;

    /// <summary>Throws a <see cref="FaceMaskException"/> for values out of range.</summary>
    public void Validate()
    {
        if (MaxBatchSize is < 1 or > 256)
        {
            throw new FaceMaskException($"the batch size must be between 1 and 256, got {MaxBatchSize}");
        }

        if (!(WindowMilliseconds >= 0 && WindowMilliseconds <= 1000))
        {
            throw new FaceMaskException($"the batching window must be between 0 and 1000 ms, got {WindowMilliseconds}");
        }
    }
}
