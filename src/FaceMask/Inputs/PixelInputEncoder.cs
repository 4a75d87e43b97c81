using FaceMask.Data;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Training;
using SkiaSharp;
using static TorchSharp.torch;

namespace FaceMask.Inputs;

/// <summary>Inputs of the pixel models (the seed CNNs): decoded images scaled to [0, 1] and normalised per channel.</summary>
public sealed class PixelInputEncoder : IInputEncoder
{
    private PixelInputEncoder()
    {
    }

    /// <summary>The encoder (it holds no state).</summary>
    public static PixelInputEncoder Instance { get; } = new();

    /// <inheritdoc/>
    public TensorSet Encode(LoadedDataset data, int[] indices, Normalization normalization)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Features is not null)
        {
            throw new FaceMaskException($"{data.Root}: was loaded as {data.Features.Backbone.Name} features, but this model takes pixels");
        }

        return TensorSet.FromPixels(data.Pixels, data.Labels, data.Size, indices, normalization);
    }

    /// <inheritdoc/>
    public EncodedFiles EncodeFiles(IReadOnlyList<string> files, ModelManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(manifest);
        int size = manifest.InputSize;
        ResizeMode resize = ResizeModeNames.Parse(manifest.Resize);
        var pixels = new byte[files.Count][];
        var errors = new string?[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, i =>
        {
            try
            {
                pixels[i] = ImageDecoder.DecodeResized(files[i], size, resize);
            }
            catch (FaceMaskException ex)
            {
                errors[i] = ex.Message;
            }
        });

        int[] ok = Enumerable.Range(0, files.Count).Where(i => errors[i] is null).ToArray();
        if (ok.Length == 0)
        {
            return new EncodedFiles(null, ok, errors);
        }

        int per = 3 * size * size;
        var flat = new byte[ok.Length * per];
        for (int k = 0; k < ok.Length; k++)
        {
            Buffer.BlockCopy(pixels[ok[k]], 0, flat, k * per, per);
        }

        return new EncodedFiles(ToInputs(flat, ok.Length, manifest), ok, errors);
    }

    /// <inheritdoc/>
    public Tensor EncodeImages(IReadOnlyList<SKBitmap> images, ModelManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(manifest);
        int size = manifest.InputSize;
        ResizeMode resize = ResizeModeNames.Parse(manifest.Resize);
        int per = 3 * size * size;
        var flat = new byte[images.Count * per];
        for (int i = 0; i < images.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ImageDecoder.ResizeInto(images[i], size, resize, flat.AsSpan(i * per, per));
        }

        return ToInputs(flat, images.Count, manifest);
    }

    /// <summary>N×3×S×S uint8 planar pixels as normalised float inputs.</summary>
    private static Tensor ToInputs(byte[] flat, int count, ModelManifest manifest)
    {
        using var raw = tensor(flat, [count, 3, manifest.InputSize, manifest.InputSize]);
        return TensorSet.Normalize(raw, manifest.Normalization);
    }
}
