namespace FaceMask.Features;

/// <summary>How backbone feature extraction is spread over threads (ONNX Runtime sessions × intra-op threads each).</summary>
public sealed record ExtractionOptions
{
    /// <summary>
    /// Independent sessions working on different images at once (default: one per core). Each decodes its own
    /// images too, so decoding overlaps with inference.
    /// </summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>ONNX Runtime intra-op threads per session (default 1). Keep Workers × ThreadsPerWorker ≤ cores.</summary>
    public int ThreadsPerWorker { get; init; } = 1;

    /// <summary>The default: one single-threaded session per core (measured faster than one two-thread session; docs/resnet18.md).</summary>
    public static ExtractionOptions Default { get; } = new();

    /// <summary>Throws a <see cref="FaceMaskException"/> for counts below 1.</summary>
    public void Validate()
    {
        if (Workers < 1 || ThreadsPerWorker < 1)
        {
            throw new FaceMaskException($"feature extraction needs at least one worker and one thread per worker (got {Workers} × {ThreadsPerWorker})");
        }
    }
}
