using FaceMask.Features;
using FaceMask.Models;
using static TorchSharp.torch;

namespace FaceMask.Training;

/// <summary>
/// A model's inputs and their labels, held in memory as tensors: normalised images (N×3×S×S float) for the pixel
/// models, raw images (N×3×S×S uint8, a quarter of the memory; normalised batch by batch) for the fine-tuned
/// backbone, or backbone features (N×views×length float) for the backbone models.
/// </summary>
public sealed class TensorSet : IDisposable
{
    private TensorSet(Tensor images, Tensor labels, int[] sourceIndices)
    {
        Images = images;
        Labels = labels;
        SourceIndices = sourceIndices;
    }

    /// <summary>Inputs: images, N×3×S×S float32, normalised, or uint8, raw; or features, N×views×length float32.</summary>
    public Tensor Images { get; }

    /// <summary>Labels, N int64.</summary>
    public Tensor Labels { get; }

    /// <summary>For each row, its index in the source pixel array.</summary>
    public int[] SourceIndices { get; }

    /// <summary>Number of images.</summary>
    public int Count => SourceIndices.Length;

    /// <summary>
    /// Builds a set from planar CHW uint8 pixels (<paramref name="size"/>² × 3 bytes per image),
    /// taking the images at <paramref name="indices"/> and normalising them.
    /// </summary>
    public static TensorSet FromPixels(byte[] pixels, int[] labels, int size, int[] indices, Normalization normalization)
    {
        using var raw = FromRawPixels(pixels, labels, size, indices);
        return new TensorSet(Normalize(raw.Images, normalization), raw.Labels.clone(), indices);
    }

    /// <summary>
    /// Builds a set of raw uint8 images (N×3×S×S, 0–255) from planar CHW pixels, taking the images at
    /// <paramref name="indices"/>; the network (or <see cref="Normalize"/>, batch by batch) scales them.
    /// </summary>
    public static TensorSet FromRawPixels(byte[] pixels, int[] labels, int size, int[] indices)
    {
        int per = 3 * size * size;
        var gathered = new byte[checked(indices.Length * per)];
        var y = new long[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            Buffer.BlockCopy(pixels, indices[i] * per, gathered, i * per, per);
            y[i] = labels[indices[i]];
        }

        return new TensorSet(tensor(gathered, [indices.Length, 3, size, size]), tensor(y), indices);
    }

    /// <summary>
    /// Builds a set from backbone features, taking the images at <paramref name="indices"/>: N×views×length
    /// (every view of each image, e.g. the image and its mirror).
    /// </summary>
    public static TensorSet FromFeatures(FeatureMatrix features, int[] labels, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(features);
        int per = features.Views * features.Length;
        var gathered = GC.AllocateUninitializedArray<float>(checked(indices.Length * per));
        var y = new long[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            features.Row(indices[i]).CopyTo(gathered.AsSpan(i * per, per));
            y[i] = labels[indices[i]];
        }

        return new TensorSet(tensor(gathered, [indices.Length, features.Views, features.Length]), tensor(y), indices);
    }

    /// <summary>Converts uint8 N×3×S×S pixels to normalised float.</summary>
    public static Tensor Normalize(Tensor raw, Normalization normalization)
    {
        using var scope = NewDisposeScope();
        var mean = tensor(normalization.Mean).view(1, 3, 1, 1);
        var std = tensor(normalization.Std).view(1, 3, 1, 1);
        var x = raw.to_type(ScalarType.Float32).div_(255f).sub_(mean).div_(std);
        return x.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
