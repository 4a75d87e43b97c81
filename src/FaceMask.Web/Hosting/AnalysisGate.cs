using FaceMask.Web.Api;

namespace FaceMask.Web.Hosting;

/// <summary>
/// Bounds the model work of concurrent requests: at most <c>maxConcurrent</c> analyses run at once (the others wait
/// in line, first come first served) and at most <c>maxQueued</c> wait; beyond that a request is refused with 503.
/// Reading uploads, sniffing and writing answers are not gated, only the analysis.
/// </summary>
internal sealed class AnalysisGate : IDisposable
{
    private readonly SemaphoreSlim slots;
    private readonly int capacity;
    private int admitted;

    internal AnalysisGate(int maxConcurrent, int maxQueued)
    {
        slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        capacity = maxConcurrent + maxQueued;
    }

    /// <summary>Requests running or waiting now.</summary>
    internal int Admitted => Volatile.Read(ref admitted);

    /// <summary>Waits for a slot, runs <paramref name="work"/> on this thread and frees the slot.</summary>
    /// <exception cref="ApiException">503 when the line is full.</exception>
    internal async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref admitted) > capacity)
        {
            Interlocked.Decrement(ref admitted);
            throw new ApiException(503, $"the server is busy ({capacity} photos running or waiting); try again in a moment");
        }

        try
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return work();
            }
            finally
            {
                slots.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref admitted);
        }
    }

    /// <summary>Waits for a slot, awaits <paramref name="work"/> and frees the slot.</summary>
    /// <exception cref="ApiException">503 when the line is full.</exception>
    internal async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref admitted) > capacity)
        {
            Interlocked.Decrement(ref admitted);
            throw new ApiException(503, $"the server is busy ({capacity} photos running or waiting); try again in a moment");
        }

        try
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await work().ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref admitted);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => slots.Dispose();
}
