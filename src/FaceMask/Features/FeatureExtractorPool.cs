using System.Runtime.ExceptionServices;
using FaceMask.ResNet;

namespace FaceMask.Features;

/// <summary>
/// A fixed set of <see cref="FeatureExtractor"/>s, one per worker thread, that share out a list of items:
/// each worker takes the next unclaimed index until none is left.
/// </summary>
internal sealed class FeatureExtractorPool : IDisposable
{
    private readonly FeatureExtractor[] extractors;

    internal FeatureExtractorPool(ResNet18Backbone backbone, ExtractionOptions options)
    {
        options.Validate();
        extractors = new FeatureExtractor[options.Workers];
        try
        {
            for (int w = 0; w < extractors.Length; w++)
            {
                extractors[w] = new FeatureExtractor(backbone, options.ThreadsPerWorker);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> for indices 0 … <paramref name="count"/> − 1 on the workers; each call gets the
    /// worker's extractor and a 3×224×224 byte buffer it may use for decoding. The first exception stops the run and is rethrown.
    /// </summary>
    internal void ForEach(int count, Action<int, FeatureExtractor, byte[]> work, CancellationToken cancellationToken)
    {
        int next = -1;
        ExceptionDispatchInfo? failure = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void Worker(FeatureExtractor extractor)
        {
            var buffer = new byte[3 * ResNet18Backbone.InputSize * ResNet18Backbone.InputSize];
            try
            {
                int i;
                while (!stop.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < count)
                {
                    work(i, extractor, buffer);
                }
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(ex), null);
                stop.Cancel();
            }
        }

        int workers = Math.Min(extractors.Length, Math.Max(count, 1));
        var threads = new Thread[workers - 1];
        for (int w = 1; w < workers; w++)
        {
            FeatureExtractor extractor = extractors[w];
            threads[w - 1] = new Thread(() => Worker(extractor)) { IsBackground = true, Name = $"facemask-features-{w}" };
            threads[w - 1].Start();
        }

        Worker(extractors[0]);
        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        failure?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (FeatureExtractor? extractor in extractors)
        {
            extractor?.Dispose();
        }
    }
}
