using FaceMask.Data;
using FaceMask.Features;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Training;
using SkiaSharp;
using static TorchSharp.torch;

namespace FaceMask.Inputs;

/// <summary>
/// Inputs of the pixel models: decoded images scaled to [0, 1] and normalised per channel (the seed CNNs), or kept as
/// raw uint8 (<see cref="Raw"/>: the fine-tuned ResNet18, whose network scales them itself and whose large inputs would
/// take four times the memory as floats).
/// </summary>
internal sealed class PixelInputEncoder : IInputEncoder
{
    private readonly bool raw;

    private PixelInputEncoder(bool raw)
    {
        this.raw = raw;
    }

    /// <summary>The encoder of normalised float images.</summary>
    public static PixelInputEncoder Instance { get; } = new(raw: false);

    /// <summary>The encoder of raw uint8 images (0–255), normalised by the network or batch by batch.</summary>
    public static PixelInputEncoder Raw { get; } = new(raw: true);

    /// <inheritdoc/>
    public TensorSet Encode(LoadedDataset data, int[] indices, Normalization normalization)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Features is { } features)
        {
            throw new FaceMaskException($"{data.Root}: was loaded as {features.Backbone.Name} features, but this model takes pixels");
        }

        return raw
            ? TensorSet.FromRawPixels(data.Pixels, data.Labels, data.Size, indices)
            : TensorSet.FromPixels(data.Pixels, data.Labels, data.Size, indices, normalization);
    }

    /// <inheritdoc/>
    public EncodedFiles EncodeFiles(IReadOnlyList<string> files, ModelManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(manifest);
        var decoded = ResizedFiles.Decode(files, manifest.InputSize, ResizeModeNames.Parse(manifest.Resize), cancellationToken);
        int[] ok = decoded.Readable();
        if (ok.Length == 0)
        {
            return new EncodedFiles(null, ok, decoded.Errors);
        }

        byte[] flat = decoded.Concatenate(ok);
        return new EncodedFiles(ToInputs(flat, ok.Length, manifest), ok, decoded.Errors);
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

    /// <inheritdoc/>
    public int ResizedSide(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.InputSize;
    }

    /// <inheritdoc/>
    public Tensor EncodeResized(byte[] pixels, int count, ModelManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(manifest);
        if (count < 1 || pixels.Length != count * 3 * manifest.InputSize * manifest.InputSize)
        {
            throw new ArgumentException($"expected {count} images of 3×{manifest.InputSize}×{manifest.InputSize} bytes", nameof(pixels));
        }

        return ToInputs(pixels, count, manifest);
    }

    /// <summary>N×3×S×S uint8 planar pixels as the network's inputs: as they are (<see cref="Raw"/>) or normalised floats.</summary>
    private Tensor ToInputs(byte[] flat, int count, ModelManifest manifest)
    {
        var images = tensor(flat, [count, 3, manifest.InputSize, manifest.InputSize]);
        if (raw)
        {
            return images;
        }

        using (images)
        {
            return TensorSet.Normalize(images, manifest.Normalization);
        }
    }
}
