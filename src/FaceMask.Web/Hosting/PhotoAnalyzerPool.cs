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

    /// <summary>Pools <paramref name="analyzers"/>, which must be copies of one model (same id and classes).</summary>
    /// <exception cref="ArgumentException">No analyzer, or they disagree on the model.</exception>
    public PhotoAnalyzerPool(IReadOnlyList<IPhotoAnalyzer> analyzers)
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

    /// <summary>Disposes every copy that is disposable.</summary>
    public void Dispose()
    {
        foreach (IDisposable disposable in all.OfType<IDisposable>())
        {
            disposable.Dispose();
        }

        available.Dispose();
    }
}
