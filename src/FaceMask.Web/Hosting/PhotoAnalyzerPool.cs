using System.Collections.Concurrent;
using FaceMask.Inference;

namespace FaceMask.Web.Hosting;

/// <summary>
/// Several copies of the same analyzer used as one: each call borrows a free copy, so an analyzer that works on one
/// photo at a time (like <c>PhotoAnalyzer</c>, which holds a lock around detection and classification) can serve as
/// many photos at once as there are copies. With one thread per copy (one libtorch and one ONNX Runtime thread),
/// N copies keep at most N cores busy.
/// </summary>
public sealed class PhotoAnalyzerPool : IPhotoAnalyzer, IDisposable
{
    private readonly IReadOnlyList<IPhotoAnalyzer> all;
    private readonly ConcurrentBag<IPhotoAnalyzer> free;
    private readonly SemaphoreSlim available;
    private readonly int[] running;
    private readonly bool exclusive;
    private readonly IDisposable? owner;

    /// <summary>Pools <paramref name="analyzers"/>, which must be copies of one model (same id and classes).</summary>
    /// <param name="analyzers">The copies.</param>
    /// <param name="exclusive">
    /// True: a call waits for a free copy and has it to itself. False: for copies that bound their own work and may
    /// be called at once (<c>PhotoAnalyzer</c> over a shared <c>FaceBatcher</c>: one photo in face detection per
    /// copy, faces classified in the batcher); a call goes to the copy with the fewest calls running.
    /// </param>
    /// <param name="owner">What owns the copies (e.g. <c>BatchedPhotoAnalyzers</c>): disposed with the pool instead of them; null: the copies are disposed.</param>
    /// <exception cref="ArgumentException">No analyzer, or they disagree on the model.</exception>
    public PhotoAnalyzerPool(IReadOnlyList<IPhotoAnalyzer> analyzers, bool exclusive = true, IDisposable? owner = null)
    {
        ArgumentNullException.ThrowIfNull(analyzers);
        if (analyzers.Count == 0)
        {
            throw new ArgumentException("at least one analyzer is needed", nameof(analyzers));
        }

        IPhotoAnalyzer first = analyzers[0];
        if (analyzers.Any(a => a.ModelId != first.ModelId || !a.Classes.SequenceEqual(first.Classes)))
        {
            throw new ArgumentException("the pooled analyzers must all use the same model", nameof(analyzers));
        }

        all = analyzers;
        free = [.. analyzers];
        available = new SemaphoreSlim(analyzers.Count, analyzers.Count);
        running = new int[analyzers.Count];
        this.exclusive = exclusive;
        this.owner = owner;
    }

    /// <summary>The pooled copies (e.g. to build a video analyzer over one of them).</summary>
    public IReadOnlyList<IPhotoAnalyzer> Members => all;

    /// <summary>How many copies there are (photos analysed at once at most).</summary>
    public int Size => all.Count;

    /// <inheritdoc/>
    public IReadOnlyList<string> Classes => all[0].Classes;

    /// <inheritdoc/>
    public string ModelId => all[0].ModelId;

    /// <inheritdoc/>
    public PhotoAnalysis Analyze(ReadOnlyMemory<byte> encoded, string nameForErrors, CancellationToken cancellationToken = default)
    {
        if (!exclusive)
        {
            int least = LeastBusy();
            try
            {
                return all[least].Analyze(encoded, nameForErrors, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref running[least]);
            }
        }

        available.Wait(cancellationToken);
        if (!free.TryTake(out IPhotoAnalyzer? analyzer))
        {
            available.Release();
            throw new InvalidOperationException("no free analyzer although the pool's count said so");
        }

        try
        {
            return analyzer.Analyze(encoded, nameForErrors, cancellationToken);
        }
        finally
        {
            free.Add(analyzer);
            available.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<PhotoAnalysis> AnalyzeAsync(ReadOnlyMemory<byte> encoded, string nameForErrors, CancellationToken cancellationToken = default)
    {
        if (!exclusive)
        {
            int least = LeastBusy();
            try
            {
                return await all[least].AnalyzeAsync(encoded, nameForErrors, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref running[least]);
            }
        }

        await available.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!free.TryTake(out IPhotoAnalyzer? analyzer))
        {
            available.Release();
            throw new InvalidOperationException("no free analyzer although the pool's count said so");
        }

        try
        {
            return await analyzer.AnalyzeAsync(encoded, nameForErrors, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            free.Add(analyzer);
            available.Release();
        }
    }

    /// <summary>Disposes the owner given, else every copy that is disposable.</summary>
    public void Dispose()
    {
        if (owner is not null)
        {
            owner.Dispose();
        }
        else
        {
            foreach (IDisposable disposable in all.OfType<IDisposable>())
            {
                disposable.Dispose();
            }
        }

        available.Dispose();
    }

    /// <summary>The copy with the fewest calls running (the first on ties), its count already raised.</summary>
    private int LeastBusy()
    {
        lock (running)
        {
            int least = 0;
            for (int i = 1; i < running.Length; i++)
            {
                if (running[i] < running[least])
                {
                    least = i;
                }
            }

            running[least]++;
            return least;
        }
    }
}
