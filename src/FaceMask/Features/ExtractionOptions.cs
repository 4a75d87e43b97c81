namespace FaceMask.Features;

/// <summary>
/// How backbone feature extraction is spread over threads: ONNX Runtime sessions × intra-op threads each, images a
/// run, and the threads that decode the next batch while the current one runs.
/// </summary>
public sealed record ExtractionOptions
{
    /// <summary>Independent sessions running batches at once (default: one per core).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>ONNX Runtime intra-op threads per session (default 1). Keep Workers × ThreadsPerWorker ≤ cores.</summary>
    public int ThreadsPerWorker { get; init; } = 1;

    /// <summary>Images a run (default 8); each run also holds their horizontal mirrors, so it is twice as big.</summary>
    public int BatchSize { get; init; } = FeatureExtractor.DefaultBatchSize;

    /// <summary>Threads that decode images into the next batch while ONNX Runtime runs the current one (default 1; the calling thread is one).</summary>
    public int Decoders { get; init; } = 1;

    /// <summary>
    /// The default: one single-thread session per core, 8 images (16 passes) a run, one decoding thread; chosen by
    /// measurement on the idle 2-core machine (42.9 images/s against 40.7 for one two-thread session and 41.3
    /// unbatched; docs/benchmarks.md, bench/results/extraction.json).
    /// </summary>
    public static ExtractionOptions Default { get; } = new();

    /// <summary>Throws a <see cref="FaceMaskException"/> for counts below 1.</summary>
    public void Validate()
    {
        if (Workers < 1 || ThreadsPerWorker < 1 || BatchSize < 1 || Decoders < 1)
        {
            throw new FaceMaskException(
                $"feature extraction needs at least one worker, one thread per worker, one image a batch and one decoder (got {Workers} × {ThreadsPerWorker}, batch {BatchSize}, {Decoders} decoders)");
        }
    }
}
