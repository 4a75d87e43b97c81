using System.Diagnostics;
using SkiaSharp;

namespace FaceMask.Inference;

/// <summary>
/// Classifies the faces of concurrent callers together: each caller's faces are resized on its own thread and queued;
/// one worker thread per classifier copy takes up to <see cref="FaceBatcherOptions.MaxBatchSize"/> waiting faces, from
/// any callers, and runs them through the network in one pass. While a caller has announced faces to come
/// (<see cref="Announce"/>, e.g. a photo in face detection), a worker holds the oldest waiting face back for at most
/// <see cref="FaceBatcherOptions.WindowMilliseconds"/> to fill its batch; otherwise it takes what is waiting at once, so
/// a lone request is not slowed. A backbone model's image and mirror both run for each face of the batch.
/// </summary>
/// <remarks>
/// Thread-safe. The classifiers are used by their workers only (one each) and are not disposed with the batcher. Each
/// face gets the answer it gets alone up to float rounding (a batch changes how the network's sums are split).
/// </remarks>
public sealed class FaceBatcher : IDisposable
{
    private readonly object sync = new();
    private readonly Queue<(FaceBatchRequest Request, int Index)> waiting = new();
    private readonly ImageClassifier[] classifiers;
    private readonly Thread[] workers;
    private readonly long window;
    private int announced;
    private bool stopping;
    private long batches;
    private long faces;
    private int largest;

    /// <summary>Starts one worker thread per classifier.</summary>
    /// <param name="classifiers">Copies of one model's classifier (same classes), one per worker; with libtorch on one thread, N copies keep at most N cores busy.</param>
    /// <param name="options">Batch size and window; null for the defaults.</param>
    /// <exception cref="ArgumentException">No classifier.</exception>
    /// <exception cref="FaceMaskException">An option is out of range.</exception>
    public FaceBatcher(IReadOnlyList<ImageClassifier> classifiers, FaceBatcherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(classifiers);
        if (classifiers.Count == 0)
        {
            throw new ArgumentException("at least one classifier is needed", nameof(classifiers));
        }

        Options = options ?? new FaceBatcherOptions();
        Options.Validate();
        this.classifiers = [.. classifiers];
        window = (long)(Options.WindowMilliseconds * Stopwatch.Frequency / 1000);
        workers = new Thread[classifiers.Count];
        for (int w = 0; w < workers.Length; w++)
        {
            ImageClassifier classifier = this.classifiers[w];
            workers[w] = new Thread(() => Work(classifier)) { IsBackground = true, Name = $"facemask-batch-{w}" };
            workers[w].Start();
        }
    }

    /// <summary>The settings in use.</summary>
    public FaceBatcherOptions Options { get; }

    /// <summary>The calibration of the answers (the first classifier's).</summary>
    public CalibrationInEffect Calibration => classifiers[0].Calibration;

    /// <summary>Passes run and faces classified so far.</summary>
    public FaceBatcherStatistics Statistics
    {
        get
        {
            lock (sync)
            {
                return new FaceBatcherStatistics(batches, faces, largest);
            }
        }
    }

    /// <summary>
    /// Announces faces to come (a photo being decoded or searched for faces): until the returned object is disposed,
    /// workers may wait up to the window for them. Dispose it when the faces are queued or none were found.
    /// </summary>
    public IDisposable Announce()
    {
        lock (sync)
        {
            announced++;
        }

        return new FaceBatchAnnouncement(EndAnnouncement);
    }

    /// <summary>Classifies in-memory images (face crops, upright) in the batches of the workers.</summary>
    /// <param name="images">The images; resized on the calling thread, so they may be disposed once this returns.</param>
    /// <param name="names">A name per image, used as its prediction's path.</param>
    /// <param name="cancellationToken">Cancels the wait (faces already in a running batch are still classified).</param>
    /// <returns>The answers, in image order.</returns>
    /// <exception cref="ObjectDisposedException">The batcher is disposed.</exception>
    public Task<IReadOnlyList<ImagePrediction>> ClassifyAsync(IReadOnlyList<SKBitmap> images, IReadOnlyList<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count != images.Count)
        {
            throw new ArgumentException("one name per image is needed", nameof(names));
        }

        if (images.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<ImagePrediction>>([]);
        }

        byte[][] pixels = [.. images.Select(classifiers[0].Resize)];
        var request = new FaceBatchRequest(pixels, [.. names], Stopwatch.GetTimestamp());
        lock (sync)
        {
            ObjectDisposedException.ThrowIf(stopping, this);
            for (int i = 0; i < pixels.Length; i++)
            {
                waiting.Enqueue((request, i));
            }

            Monitor.PulseAll(sync);
        }

        if (cancellationToken.CanBeCanceled)
        {
            CancellationTokenRegistration registration = cancellationToken.Register(() => request.Completion.TrySetCanceled(cancellationToken));
            request.Completion.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        }

        return request.Completion.Task;
    }

    /// <summary>Classifies in-memory images in the workers' batches and waits for the answers (see <see cref="ClassifyAsync"/>).</summary>
    public IReadOnlyList<ImagePrediction> Classify(IReadOnlyList<SKBitmap> images, IReadOnlyList<string> names, CancellationToken cancellationToken = default) =>
        ClassifyAsync(images, names, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Stops the workers after the faces already queued; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (sync)
        {
            if (stopping)
            {
                return;
            }

            stopping = true;
            Monitor.PulseAll(sync);
        }

        foreach (Thread worker in workers)
        {
            worker.Join();
        }
    }

    private void Work(ImageClassifier classifier)
    {
        while (Take() is { Count: > 0 } batch)
        {
            IReadOnlyList<ImagePrediction> predictions;
            try
            {
                predictions = classifier.ClassifyResized(
                    [.. batch.Select(f => f.Request.Pixels[f.Index])],
                    [.. batch.Select(f => f.Request.Names[f.Index])]);
            }
            catch (Exception ex)
            {
                foreach (FaceBatchRequest request in batch.Select(f => f.Request).Distinct())
                {
                    request.Completion.TrySetException(ex);
                }

                continue;
            }

            for (int k = 0; k < batch.Count; k++)
            {
                batch[k].Request.Answer(batch[k].Index, predictions[k]);
            }
        }
    }

    /// <summary>The next batch (empty when stopping and nothing is left): waits for a face, then within the window for more.</summary>
    private List<(FaceBatchRequest Request, int Index)> Take()
    {
        lock (sync)
        {
            while (true)
            {
                DropCancelled();
                if (waiting.Count == 0)
                {
                    if (stopping)
                    {
                        return [];
                    }

                    Monitor.Wait(sync);
                    continue;
                }

                long deadline = waiting.Peek().Request.Enqueued + window;
                long now = Stopwatch.GetTimestamp();
                if (waiting.Count >= Options.MaxBatchSize || announced == 0 || now >= deadline || stopping)
                {
                    break;
                }

                Monitor.Wait(sync, TimeSpan.FromTicks(Math.Max(1, (deadline - now) * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
            }

            var batch = new List<(FaceBatchRequest, int)>(Math.Min(waiting.Count, Options.MaxBatchSize));
            while (batch.Count < Options.MaxBatchSize && waiting.TryDequeue(out var face))
            {
                batch.Add(face);
            }

            batches++;
            faces += batch.Count;
            largest = Math.Max(largest, batch.Count);
            if (waiting.Count > 0)
            {
                Monitor.Pulse(sync); // another worker may take the rest
            }

            return batch;
        }
    }

    /// <summary>Removes the faces of cancelled callers from the head of the line.</summary>
    private void DropCancelled()
    {
        while (waiting.TryPeek(out var face) && face.Request.Completion.Task.IsCompleted)
        {
            waiting.Dequeue();
        }
    }

    private void EndAnnouncement()
    {
        lock (sync)
        {
            announced--;
            Monitor.PulseAll(sync);
        }
    }
}
