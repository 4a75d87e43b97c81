namespace FaceMask.Web.Hosting;

/// <summary>Addresses, upload limits and model concurrency of the web app.</summary>
public sealed record FaceMaskWebOptions
{
    /// <summary>The default address: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5000";

    /// <summary>Addresses Kestrel listens on (port 0 picks a free port).</summary>
    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];

    /// <summary>Largest accepted image, in bytes (10 MiB); a larger upload gets 413.</summary>
    public long MaxImageBytes { get; init; } = 10L * 1024 * 1024;

    /// <summary>
    /// Largest accepted video clip for <c>POST /api/v1/video</c>, in bytes (24 MiB); a larger upload gets 413. Clips are
    /// also bounded by <see cref="MaxRequestBodyBytes"/>.
    /// </summary>
    public long MaxVideoBytes { get; init; } = 24L * 1024 * 1024;

    /// <summary>Longest accepted video clip, in seconds (60); a longer one gets 422.</summary>
    public double MaxVideoSeconds { get; init; } = 60;

    /// <summary>Live camera sessions followed at once (each has its own tracker); a further one gets 503.</summary>
    public int MaxLiveSessions { get; init; } = 8;

    /// <summary>A live session without a frame for this long (seconds) is ended.</summary>
    public double LiveSessionIdleSeconds { get; init; } = 60;

    /// <summary>Room allowed beyond <see cref="MaxImageBytes"/> for the multipart envelope (boundaries, part headers, other small fields).</summary>
    public long EnvelopeBytes { get; init; } = 64 * 1024;

    /// <summary>
    /// Kestrel's hard request-body limit. Bodies up to it that exceed the image limit are read to the end and thrown
    /// away, so the client gets a clean 413 JSON answer on a live connection instead of a reset; a body declared
    /// larger than this gets 413 at once and the connection is closed.
    /// </summary>
    public long MaxRequestBodyBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>
    /// Photos analysed at the same time; the rest wait in line. Default: one per core, so model work (libtorch and
    /// ONNX Runtime, each set to one thread per analysis) never asks for more threads than there are cores. With a
    /// batched analyzer (<see cref="MaxBatchSize"/> over 1) <c>serve</c> sets it to cores × batch size: photos then
    /// only wait for a face detector (one per core) and for the batch workers (one per core), and enough are in
    /// analysis to fill every worker's batch.
    /// </summary>
    public int MaxConcurrentAnalyses { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Most faces, from any requests, classified in one pass of the network by the batched analyzer <c>serve</c> builds
    /// (<see cref="Inference.FaceBatcher"/>); 1 turns batching off (each photo's faces alone, as before).
    /// </summary>
    public int MaxBatchSize { get; init; } = Inference.FaceBatcherOptions.DefaultMaxBatchSize;

    /// <summary>Longest wait, in milliseconds, of a face for others to fill its batch (only while other photos are being searched for faces).</summary>
    public double BatchWindowMilliseconds { get; init; } = Inference.FaceBatcherOptions.DefaultWindowMilliseconds;

    /// <summary>Requests allowed to wait for the model beyond those running; further ones get 503 with Retry-After.</summary>
    public int MaxQueuedRequests { get; init; } = 256;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxImageBytes, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(EnvelopeBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxVideoBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestBodyBytes, MaxImageBytes + EnvelopeBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLiveSessions, 1);
        if (!(LiveSessionIdleSeconds > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(LiveSessionIdleSeconds), LiveSessionIdleSeconds, "the live session idle time must be positive");
        }

        if (!(MaxVideoSeconds > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxVideoSeconds), MaxVideoSeconds, "the video duration limit must be positive");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentAnalyses, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxBatchSize, 256);
        if (!(BatchWindowMilliseconds >= 0 && BatchWindowMilliseconds <= 1000))
        {
            throw new ArgumentOutOfRangeException(nameof(BatchWindowMilliseconds), BatchWindowMilliseconds, "the batching window must be between 0 and 1000 ms");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MaxQueuedRequests);
        if (Urls.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Urls), "at least one URL is needed");
        }
    }
}
