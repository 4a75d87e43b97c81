using FaceMask.Features;
using FaceMask.Models;
using static TorchSharp.torch;

namespace FaceMask.Training;

/// <summary>
/// A model's inputs and their labels: normalised images (N×3×S×S float) or backbone features (N×views×length float)
/// held in memory as one tensor, or raw images (3×S×S uint8 each) taken batch by batch from the dataset's own pixel
/// array (<see cref="FromRawPixels"/>: the fine-tuned backbone, whose inputs are large; a set then holds no copy of
/// them, so training, validation and prediction need the memory of one batch on top of the loaded dataset).
/// </summary>
public sealed class TensorSet : IDisposable
{
    private readonly Tensor? inputs;
    private readonly byte[]? pixels;
    private readonly int size;

    private TensorSet(Tensor? inputs, byte[]? pixels, int size, Tensor labels, int[] sourceIndices)
    {
        this.inputs = inputs;
        this.pixels = pixels;
        this.size = size;
        Labels = labels;
        SourceIndices = sourceIndices;
    }

    /// <summary>Labels, N int64.</summary>
    public Tensor Labels { get; }

    /// <summary>For each row, its index in the source pixel (or feature) array.</summary>
    public int[] SourceIndices { get; }

    /// <summary>Number of images.</summary>
    public int Count => SourceIndices.Length;

    /// <summary>
    /// Builds a set from planar CHW uint8 pixels (<paramref name="size"/>² × 3 bytes per image),
    /// taking the images at <paramref name="indices"/> and normalising them.
    /// </summary>
    public static TensorSet FromPixels(byte[] pixels, int[] labels, int size, int[] indices, Normalization normalization)
    {
        using var raw = Gather(pixels, size, indices);
        return new TensorSet(Normalize(raw, normalization), null, size, LabelTensor(labels, indices), indices);
    }

    /// <summary>
    /// A set of raw uint8 images (N×3×S×S, 0–255) over planar CHW <paramref name="pixels"/>, the images at
    /// <paramref name="indices"/>: nothing is copied now; <see cref="Take"/> and <see cref="Slice"/> gather each batch
    /// from <paramref name="pixels"/> (which must not change while the set is used). The network (or
    /// <see cref="Normalize"/>, batch by batch) scales them.
    /// </summary>
    public static TensorSet FromRawPixels(byte[] pixels, int[] labels, int size, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        int per = 3 * size * size;
        if (indices.Any(i => i < 0 || ((long)i + 1) * per > pixels.Length))
        {
            throw new ArgumentOutOfRangeException(nameof(indices), $"an index lies outside the {pixels.Length / per} images of the pixel array");
        }

        return new TensorSet(null, pixels, size, LabelTensor(labels, indices), indices);
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
        for (int i = 0; i < indices.Length; i++)
        {
            features.Row(indices[i]).CopyTo(gathered.AsSpan(i * per, per));
        }

        return new TensorSet(tensor(gathered, [indices.Length, features.Views, features.Length]), null, 0, LabelTensor(labels, indices), indices);
    }

    /// <summary>The inputs of the rows <paramref name="rows"/> (positions in this set, in that order), as a new tensor.</summary>
    public Tensor Take(ReadOnlySpan<int> rows)
    {
        if (inputs is not null)
        {
            var positions = new long[rows.Length];
            for (int i = 0; i < rows.Length; i++)
            {
                positions[i] = rows[i];
            }

            using var index = tensor(positions);
            return inputs.index_select(0, index);
        }

        var picked = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            picked[i] = SourceIndices[rows[i]];
        }

        return Gather(pixels!, size, picked);
    }

    /// <summary>The inputs of the <paramref name="count"/> rows from <paramref name="start"/>, as a tensor (a view where the set is held in memory).</summary>
    public Tensor Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, Count, nameof(count));
        return inputs is not null
            ? inputs.narrow(0, start, count)
            : Gather(pixels!, size, SourceIndices.AsSpan(start, count));
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
        inputs?.Dispose();
        Labels.Dispose();
    }

    /// <summary>The images at <paramref name="indices"/> of planar CHW <paramref name="pixels"/>, as one N×3×S×S uint8 tensor.</summary>
    private static Tensor Gather(byte[] pixels, int size, ReadOnlySpan<int> indices)
    {
        int per = 3 * size * size;
        var gathered = empty([indices.Length, 3, size, size], ScalarType.Byte);
        Span<byte> target = gathered.bytes; // the tensor's own memory: no managed copy per batch
        for (int i = 0; i < indices.Length; i++)
        {
            pixels.AsSpan(indices[i] * per, per).CopyTo(target.Slice(i * per, per));
        }

        return gathered;
    }

    private static Tensor LabelTensor(int[] labels, int[] indices)
    {
        var y = new long[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            y[i] = labels[indices[i]];
        }

        return tensor(y);
    }
}
