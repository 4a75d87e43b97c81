namespace FaceMask.Features;

/// <summary>
/// A batch of images being filled for one extraction run (<see cref="FeatureExtractorPool"/>): the caller writes an
/// image into <see cref="NextImage"/> and then <see cref="Add"/>s it with where its features are to go. Until the run,
/// the features are not there yet.
/// </summary>
internal sealed class FeatureBatch
{
    private readonly byte[] images;
    private readonly Memory<float>[] destinations;

    internal FeatureBatch(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        images = new byte[capacity * FeatureExtractor.ImageLength];
        destinations = new Memory<float>[capacity];
    }

    /// <summary>Images added so far.</summary>
    internal int Count { get; private set; }

    /// <summary>True when no more images fit.</summary>
    internal bool IsFull => Count == destinations.Length;

    /// <summary>Room for the next image: 3×224×224 planar RGB bytes. Writing it does not add it.</summary>
    internal Span<byte> NextImage => IsFull
        ? throw new InvalidOperationException("the batch is full")
        : images.AsSpan(Count * FeatureExtractor.ImageLength, FeatureExtractor.ImageLength);

    /// <summary>
    /// Adds the image written to <see cref="NextImage"/>; its features and its mirror's
    /// (<see cref="FeatureExtractor.PairLength"/> floats) are written to <paramref name="destination"/> by the run.
    /// </summary>
    internal void Add(Memory<float> destination)
    {
        if (IsFull)
        {
            throw new InvalidOperationException("the batch is full");
        }

        ArgumentOutOfRangeException.ThrowIfNotEqual(destination.Length, FeatureExtractor.PairLength, nameof(destination));
        destinations[Count++] = destination;
    }

    /// <summary>Runs the batch through <paramref name="extractor"/>, writes each image's features to its destination and empties the batch.</summary>
    internal void Run(FeatureExtractor extractor, float[] scratch)
    {
        if (Count == 0)
        {
            return;
        }

        Span<float> pairs = scratch.AsSpan(0, Count * FeatureExtractor.PairLength);
        extractor.ExtractPairs(images.AsSpan(0, Count * FeatureExtractor.ImageLength), pairs);
        for (int i = 0; i < Count; i++)
        {
            pairs.Slice(i * FeatureExtractor.PairLength, FeatureExtractor.PairLength).CopyTo(destinations[i].Span);
            destinations[i] = default;
        }

        Count = 0;
    }
}
