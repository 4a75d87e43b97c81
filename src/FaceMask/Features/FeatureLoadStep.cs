using FaceMask.Data;
using FaceMask.Models;
using FaceMask.ResNet;

namespace FaceMask.Features;

/// <summary>
/// Loading as frozen-backbone features: each file is decoded at the backbone's input size and run through the backbone
/// as is and mirrored, in batches (<see cref="FeatureExtractorPool"/>: the next batch is decoded while ONNX Runtime
/// runs the current one); the dataset then holds a <see cref="FeatureMatrix"/> and no pixels.
/// </summary>
internal sealed class FeatureLoadStep : DatasetLoadStep<float>
{
    /// <summary>Bumped whenever the layout, the decoding or the extraction changes, so old files are no longer matched.</summary>
    internal const int FormatVersion = 1;

    private readonly ResNet18Backbone backbone;
    private readonly ResizeMode mode;
    private readonly IImagePreparer? preparer;
    private readonly ExtractionOptions extraction;

    private FeatureLoadStep(ResNet18Backbone backbone, ResizeMode mode, IImagePreparer? preparer, ExtractionOptions extraction)
    {
        this.backbone = backbone;
        this.mode = mode;
        this.preparer = preparer;
        this.extraction = extraction;
    }

    /// <inheritdoc/>
    public override int Size => ResNet18Backbone.InputSize;

    /// <inheritdoc/>
    public override int RecordLength => FeatureExtractor.PairLength;

    /// <summary>Loads the features of every image under <paramref name="root"/> for <see cref="DatasetLoadOptions.Backbone"/>.</summary>
    /// <exception cref="FaceMaskException">An unknown backbone, a wrong size, missing backbone files, or what the load path throws.</exception>
    internal static LoadedDataset Load(string root, DatasetLoadOptions options, IProgress<LoadProgress>? progress, CancellationToken cancellationToken) =>
        Load(root, options, ExtractionOptions.Default, progress, cancellationToken);

    /// <summary>Loads the features of every image under <paramref name="root"/>, extracting with <paramref name="extraction"/>'s threads and batch size.</summary>
    /// <exception cref="FaceMaskException">An unknown backbone, a wrong size, missing backbone files, or what the load path throws.</exception>
    internal static LoadedDataset Load(string root, DatasetLoadOptions options, ExtractionOptions extraction, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        extraction.Validate();
        if (!string.Equals(options.Backbone, ResNet18Backbone.Name, StringComparison.Ordinal))
        {
            throw new FaceMaskException($"unknown backbone '{options.Backbone}'; known: {ResNet18Backbone.Name}");
        }

        if (options.Size != ResNet18Backbone.InputSize)
        {
            throw new FaceMaskException($"--size {options.Size}: the {ResNet18Backbone.Name} backbone takes {ResNet18Backbone.InputSize}x{ResNet18Backbone.InputSize} px images");
        }

        if (!Enum.IsDefined(options.Resize))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Resize, "Unknown resize mode.");
        }

        return DatasetLoading.Load(root, options, (_, preparer) =>
            new FeatureLoadStep(ResNet18Backbone.Locate(options.BackboneDirectory), options.Resize, preparer, extraction),
            progress, cancellationToken);
    }

    /// <summary>
    /// The cache file, beside the pixel caches (<see cref="CacheLocation"/>):
    /// <c>&lt;root name&gt;-&lt;root hash&gt;-&lt;backbone&gt;-&lt;backbone id&gt;-&lt;resize&gt;[-&lt;step&gt;]-v&lt;format&gt;.fmfeat</c>.
    /// </summary>
    public override string? CachePath(string root, string? cacheDirectory, string? preparerId) =>
        CacheLocation.FilePath(root, cacheDirectory, $"{ResNet18Backbone.Name}-{backbone.Id}-{CacheLocation.ResizeName(mode)}", preparerId, FormatVersion, "fmfeat");

    /// <inheritdoc/>
    public override PerFileCacheFormat CacheFormat(string root, int stepTag) => Format(root, backbone.Id, mode, RecordLength, stepTag);

    /// <summary>The feature cache's format: magic <c>FMFEATUR</c>, header keys resize mode and floats per file, index keyed by the root and the backbone id.</summary>
    internal static PerFileCacheFormat Format(string root, string backboneId, ResizeMode mode, int recordFloats, int stepTag) =>
        new("FMFEATUR", FormatVersion, (int)mode, recordFloats, stepTag, [root, backboneId], recordFloats);

    /// <inheritdoc/>
    public override void ForEach(int count, Action<int, FileConverter<float>> work, CancellationToken cancellationToken)
    {
        using var pool = new FeatureExtractorPool(backbone, extraction);
        pool.ForEach(count, (k, batch) => work(k, (encoded, name, record) =>
        {
            bool whole = DatasetLoading.DecodeInto(encoded, name, preparer, Size, mode, batch.NextImage);
            batch.Add(record);
            return whole;
        }), cancellationToken);
    }

    /// <inheritdoc/>
    public override (byte[] Pixels, object? Payload) Result(float[] records, int count, int converted, double seconds) =>
        ([], new FeatureMatrix(records, count, BackboneManifest.Of(backbone), converted, seconds));
}
