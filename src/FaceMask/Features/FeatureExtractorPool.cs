using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using FaceMask.ResNet;

namespace FaceMask.Features;

/// <summary>
/// Feature extraction in batches with the filling (decoding) of the next batch overlapped: decoder threads fill
/// <see cref="FeatureBatch"/>es, extraction workers (one <see cref="FeatureExtractor"/> each) run them. A fixed set of
/// batches circulates between the two (one per decoder, one per worker and one waiting), so memory stays bounded and
/// at most one full batch waits for ONNX Runtime while the next is decoded.
/// </summary>
internal sealed class FeatureExtractorPool : IDisposable
{
    private readonly FeatureExtractor[] extractors;
    private readonly int batchSize;
    private readonly int decoders;

    internal FeatureExtractorPool(ResNet18Backbone backbone, ExtractionOptions options)
    {
        options.Validate();
        batchSize = options.BatchSize;
        decoders = options.Decoders;
        extractors = new FeatureExtractor[options.Workers];
        try
        {
            for (int w = 0; w < extractors.Length; w++)
            {
                extractors[w] = new FeatureExtractor(backbone, options.ThreadsPerWorker, batchSize);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// Calls <paramref name="work"/> for indices 0 … <paramref name="count"/> − 1 on the decoder threads (the calling
    /// thread is one); each call writes its image into the batch's <see cref="FeatureBatch.NextImage"/> and adds it
    /// with where its features go, or adds nothing (e.g. an unreadable file). When this returns, every added image's
    /// features are written. Up to one batch is filled inline when <paramref name="count"/> fits in one. The first
    /// exception stops the run and is rethrown.
    /// </summary>
    internal void ForEach(int count, Action<int, FeatureBatch> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (count <= 0)
        {
            return;
        }

        if (count <= batchSize)
        {
            var batch = new FeatureBatch(count);
            for (int i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                work(i, batch);
            }

            batch.Run(extractors[0], new float[count * FeatureExtractor.PairLength]);
            return;
        }

        Pipeline(count, work, cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (FeatureExtractor? extractor in extractors)
        {
            extractor?.Dispose();
        }
    }

    private void Pipeline(int count, Action<int, FeatureBatch> work, CancellationToken cancellationToken)
    {
        int decoderCount = Math.Min(decoders, (count + batchSize - 1) / batchSize);
        int workerCount = Math.Min(extractors.Length, (count + batchSize - 1) / batchSize);
        using var free = new BlockingCollection<FeatureBatch>();
        using var full = new BlockingCollection<FeatureBatch>();
        for (int b = 0; b < decoderCount + workerCount + 1; b++)
        {
            free.Add(new FeatureBatch(batchSize), CancellationToken.None);
        }

        int next = -1;
        int decodersLeft = decoderCount;
        ExceptionDispatchInfo? failure = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void Fail(Exception ex)
        {
            Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(ex), null);
            stop.Cancel();
        }

        void Decode()
        {
            try
            {
                FeatureBatch? batch = null;
                int i;
                while (!stop.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < count)
                {
                    batch ??= free.Take(stop.Token);
                    work(i, batch);
                    if (batch.IsFull)
                    {
                        full.Add(batch, stop.Token);
                        batch = null;
                    }
                }

                if (batch is { Count: > 0 })
                {
                    full.Add(batch, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Another thread failed, or the caller cancelled.
            }
            catch (Exception ex)
            {
                Fail(ex);
            }
            finally
            {
                if (Interlocked.Decrement(ref decodersLeft) == 0)
                {
                    full.CompleteAdding();
                }
            }
        }

        void Extract(FeatureExtractor extractor)
        {
            try
            {
                var scratch = new float[batchSize * FeatureExtractor.PairLength];
                foreach (FeatureBatch batch in full.GetConsumingEnumerable(stop.Token))
                {
                    batch.Run(extractor, scratch);
                    free.Add(batch, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Another thread failed, or the caller cancelled.
            }
            catch (Exception ex)
            {
                Fail(ex);
            }
        }

        var threads = new List<Thread>(workerCount + decoderCount - 1);
        for (int w = 0; w < workerCount; w++)
        {
            FeatureExtractor extractor = extractors[w];
            threads.Add(new Thread(() => Extract(extractor)) { IsBackground = true, Name = $"facemask-features-{w}" });
        }

        for (int d = 1; d < decoderCount; d++)
        {
            threads.Add(new Thread(Decode) { IsBackground = true, Name = $"facemask-decode-{d}" });
        }

        threads.ForEach(t => t.Start());
        Decode();
        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        failure?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
