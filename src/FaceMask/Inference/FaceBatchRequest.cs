namespace FaceMask.Inference;

/// <summary>The faces one caller handed to a <see cref="FaceBatcher"/>: their resized pixels, names, and the answers as they come.</summary>
internal sealed class FaceBatchRequest
{
    private readonly ImagePrediction[] answers;
    private int remaining;

    internal FaceBatchRequest(IReadOnlyList<byte[]> pixels, IReadOnlyList<string> names, long enqueued)
    {
        Pixels = pixels;
        Names = names;
        Enqueued = enqueued;
        answers = new ImagePrediction[pixels.Count];
        remaining = pixels.Count;
    }

    internal IReadOnlyList<byte[]> Pixels { get; }

    internal IReadOnlyList<string> Names { get; }

    /// <summary>When it was queued (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>).</summary>
    internal long Enqueued { get; }

    /// <summary>Completes with the answers in face order once every face is classified.</summary>
    internal TaskCompletionSource<IReadOnlyList<ImagePrediction>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Records the answer of face <paramref name="index"/>; completes the request when it was the last one.</summary>
    internal void Answer(int index, ImagePrediction prediction)
    {
        answers[index] = prediction;
        if (Interlocked.Decrement(ref remaining) == 0)
        {
            Completion.TrySetResult(answers);
        }
    }
}
