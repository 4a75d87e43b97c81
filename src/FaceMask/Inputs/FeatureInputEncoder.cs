using FaceMask.Data;
using FaceMask.Features;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.ResNet;
using FaceMask.Training;
using SkiaSharp;
using static TorchSharp.torch;

namespace FaceMask.Inputs;

/// <summary>
/// Inputs of the backbone models (resnet18): for each image the frozen backbone's features of the image and of its
/// horizontal mirror, N×2×512. Dataset rows come from the (cached) features loaded with the dataset; files given
/// for prediction are decoded and run through the backbone on the fly. In-memory images
/// (<see cref="EncodeImages"/>) go through one set of backbone sessions opened on first use and kept until disposal.
/// </summary>
internal sealed class FeatureInputEncoder : IInputEncoder, IDisposable
{
    private readonly string? backboneDirectory;
    private readonly ExtractionOptions extraction;
    private readonly object imageGate = new();
    private FeatureExtractorPool? imagePool;
    private ResNet18Backbone? imageBackbone;
    private bool disposed;

    /// <summary>Creates an encoder.</summary>
    /// <param name="backboneDirectory">Folder of the backbone's ONNX files; null uses the application's <c>models/&lt;backbone&gt;</c>.</param>
    /// <param name="extraction">Threads for on-the-fly extraction; null uses <see cref="ExtractionOptions.Default"/>.</param>
    public FeatureInputEncoder(string? backboneDirectory = null, ExtractionOptions? extraction = null)
    {
        this.backboneDirectory = backboneDirectory;
        this.extraction = extraction ?? ExtractionOptions.Default;
    }

    /// <inheritdoc/>
    public TensorSet Encode(LoadedDataset data, int[] indices, Normalization normalization)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Features is not { } features)
        {
            throw new FaceMaskException($"{data.Root}: was loaded as pixels, but this model takes {ResNet18Backbone.Name} features (load it with the backbone set)");
        }

        return TensorSet.FromFeatures(features, data.Labels, indices);
    }

    /// <inheritdoc/>
    public EncodedFiles EncodeFiles(IReadOnlyList<string> files, ModelManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(manifest);
        ResNet18Backbone backbone = LocateFor(manifest);
        ResizeMode resize = ResizeModeNames.Parse(manifest.Resize);
        var values = new float[files.Count * FeatureExtractor.PairLength];
        var errors = new string?[files.Count];
        if (files.Count > 0)
        {
            using var pool = new FeatureExtractorPool(backbone, extraction with { Workers = Math.Min(extraction.Workers, files.Count) });
            pool.ForEach(files.Count, (i, batch) =>
            {
                try
                {
                    byte[] bytes = ImageDecoder.ReadFile(files[i], files[i]);
                    ImageDecoder.DecodeInto(bytes, files[i], ResNet18Backbone.InputSize, resize, batch.NextImage);
                    batch.Add(values.AsMemory(i * FeatureExtractor.PairLength, FeatureExtractor.PairLength));
                }
                catch (FaceMaskException ex)
                {
                    errors[i] = ex.Message;
                }
            }, cancellationToken);
        }

        int[] ok = Enumerable.Range(0, files.Count).Where(i => errors[i] is null).ToArray();
        if (ok.Length == 0)
        {
            return new EncodedFiles(null, ok, errors);
        }

        var rows = new float[ok.Length * FeatureExtractor.PairLength];
        for (int k = 0; k < ok.Length; k++)
        {
            Array.Copy(values, ok[k] * FeatureExtractor.PairLength, rows, k * FeatureExtractor.PairLength, FeatureExtractor.PairLength);
        }

        return new EncodedFiles(tensor(rows, [ok.Length, 2, ResNet18Backbone.FeatureLength]), ok, errors);
    }

    /// <inheritdoc/>
    /// <remarks>Calls on one encoder are serialised (its sessions are shared).</remarks>
    public Tensor EncodeImages(IReadOnlyList<SKBitmap> images, ModelManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(manifest);
        ResizeMode resize = ResizeModeNames.Parse(manifest.Resize);
        return Extract(images.Count, manifest, (i, chw) => ImageDecoder.ResizeInto(images[i], ResNet18Backbone.InputSize, resize, chw), cancellationToken);
    }

    /// <inheritdoc/>
    public int ResizedSide(ModelManifest manifest) => ResNet18Backbone.InputSize;

    /// <inheritdoc/>
    /// <remarks>Calls on one encoder are serialised (its sessions are shared). Each image and its mirror run through the backbone.</remarks>
    public Tensor EncodeResized(byte[] pixels, int count, ModelManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(manifest);
        const int per = 3 * ResNet18Backbone.InputSize * ResNet18Backbone.InputSize;
        if (count < 1 || pixels.Length != count * per)
        {
            throw new ArgumentException($"expected {count} images of 3×{ResNet18Backbone.InputSize}×{ResNet18Backbone.InputSize} bytes", nameof(pixels));
        }

        return Extract(count, manifest, (i, chw) => pixels.AsSpan(i * per, per).CopyTo(chw), cancellationToken);
    }

    /// <summary>Closes the sessions opened for in-memory images.</summary>
    public void Dispose()
    {
        lock (imageGate)
        {
            imagePool?.Dispose();
            imagePool = null;
            disposed = true;
        }
    }

    /// <summary>Image and mirror features of <paramref name="count"/> in-memory images, each written into a 3×224×224 buffer by <paramref name="fill"/>.</summary>
    private Tensor Extract(int count, ModelManifest manifest, SpanFill fill, CancellationToken cancellationToken)
    {
        var values = new float[count * FeatureExtractor.PairLength];
        lock (imageGate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (imagePool is null)
            {
                imageBackbone = LocateFor(manifest);
                imagePool = new FeatureExtractorPool(imageBackbone, extraction);
            }
            else
            {
                manifest.Backbone!.EnsureMatches(imageBackbone!, "the model");
            }

            imagePool.ForEach(count, (i, batch) =>
            {
                fill(i, batch.NextImage);
                batch.Add(values.AsMemory(i * FeatureExtractor.PairLength, FeatureExtractor.PairLength));
            }, cancellationToken);
        }

        return tensor(values, [count, 2, ResNet18Backbone.FeatureLength]);
    }

    /// <summary>Writes image <paramref name="index"/> into <paramref name="chw"/> (3×224×224 planar RGB).</summary>
    private delegate void SpanFill(int index, Span<byte> chw);

    private ResNet18Backbone LocateFor(ModelManifest manifest)
    {
        ResNet18Backbone backbone = ResNet18Backbone.Locate(backboneDirectory);
        (manifest.Backbone ?? throw new FaceMaskException("the model's manifest has no backbone section")).EnsureMatches(backbone, "the model");
        return backbone;
    }
}
