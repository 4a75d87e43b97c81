using FaceMask.Models;

namespace FaceMask.Features;

/// <summary>
/// Backbone features of a dataset's images, in the dataset's image order: for each image <see cref="Views"/> vectors
/// of <see cref="Length"/> floats (view 0 the image, view 1 its horizontal mirror).
/// </summary>
public sealed class FeatureMatrix
{
    internal FeatureMatrix(float[] values, int count, BackboneManifest backbone, int extracted, double extractionSeconds)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        if (values.Length != (long)count * 2 * backbone.FeatureLength)
        {
            throw new ArgumentException("the values do not hold count × views × length floats", nameof(values));
        }

        Values = values;
        Count = count;
        Backbone = backbone;
        Extracted = extracted;
        ExtractionSeconds = extractionSeconds;
    }

    /// <summary>Vectors per image: the image and its horizontal mirror.</summary>
    public int Views => 2;

    /// <summary>Floats per vector.</summary>
    public int Length => Backbone.FeatureLength;

    /// <summary>Number of images.</summary>
    public int Count { get; }

    /// <summary>All features back to back: <see cref="Count"/> × <see cref="Views"/> × <see cref="Length"/> floats.</summary>
    public float[] Values { get; }

    /// <summary>The backbone that produced the features (name, source, SHA-256 of its files).</summary>
    public BackboneManifest Backbone { get; }

    /// <summary>Images that went through the backbone during this load (the rest came from the feature cache).</summary>
    public int Extracted { get; }

    /// <summary>Wall time of decoding and extracting those images, in seconds.</summary>
    public double ExtractionSeconds { get; }

    /// <summary>Every view of image <paramref name="index"/>: <see cref="Views"/> × <see cref="Length"/> floats.</summary>
    public ReadOnlySpan<float> Row(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        int per = Views * Length;
        return Values.AsSpan(index * per, per);
    }
}
