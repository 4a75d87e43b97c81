using System.Runtime.ExceptionServices;

namespace FaceMask.Data;

/// <summary>Loading as decoded pixels: each file becomes a uint8 planar CHW RGB image of <see cref="Size"/>×<see cref="Size"/>, decoded on all cores.</summary>
internal sealed class PixelLoadStep : DatasetLoadStep<byte>
{
    /// <summary>Bumped whenever the layout or the decoding changes, so old files are no longer matched.</summary>
    internal const int FormatVersion = 1;

    private readonly ResizeMode mode;
    private readonly FileConverter<byte> convert;

    internal PixelLoadStep(int size, ResizeMode mode, IImagePreparer? preparer)
    {
        Size = size;
        this.mode = mode;
        convert = (encoded, name, record) => DatasetLoading.DecodeInto(encoded, name, preparer, size, mode, record.Span);
    }

    /// <inheritdoc/>
    public override int Size { get; }

    /// <inheritdoc/>
    public override int RecordLength => 3 * Size * Size;

    /// <summary>Loads the pixels of every image under <paramref name="root"/> (a load without a backbone).</summary>
    internal static LoadedDataset Load(string root, DatasetLoadOptions options, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        int size = options.Size;
        ResizeMode mode = options.Resize;
        if (size is < 1 or > ImageDecoder.MaxOutputSize)
        {
            throw new FaceMaskException($"image size must be between 1 and {ImageDecoder.MaxOutputSize} pixels, got {size}");
        }

        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(options), mode, "Unknown resize mode.");
        }

        return DatasetLoading.Load(root, options, (folder, preparer) =>
        {
            int n = folder.Entries.Count;
            long imageLength = 3L * size * size;
            if (n * imageLength > Array.MaxLength)
            {
                throw new FaceMaskException(
                    $"{folder.Root}: {n} images of {size}x{size} px do not fit in memory at once ({n * imageLength / (1 << 20)} MiB); use a smaller size");
            }

            return new PixelLoadStep(size, mode, preparer);
        }, progress, cancellationToken);
    }

    /// <summary>The cache file: <c>&lt;root name&gt;-&lt;root hash&gt;-&lt;size&gt;px-&lt;resize&gt;[-&lt;step&gt;]-v&lt;format&gt;.fmcache</c> (<see cref="CacheLocation.FileName"/>).</summary>
    public override string? CachePath(string root, string? cacheDirectory, string? preparerId) =>
        CacheLocation.FilePath(root, cacheDirectory, $"{Size}px-{CacheLocation.ResizeName(mode)}", preparerId, FormatVersion, "fmcache");

    /// <inheritdoc/>
    public override PerFileCacheFormat CacheFormat(string root, int stepTag) => Format(root, Size, mode, stepTag);

    /// <summary>The pixel cache's format: magic <c>FMPIXELS</c>, header keys size and resize mode, index keyed by the root.</summary>
    internal static PerFileCacheFormat Format(string root, int size, ResizeMode mode, int stepTag) =>
        new("FMPIXELS", FormatVersion, size, (int)mode, stepTag, [root], 3 * size * size);

    /// <inheritdoc/>
    public override void ForEach(int count, Action<int, FileConverter<byte>> work, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };

        try
        {
            Parallel.For(0, count, parallel, k => work(k, convert));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
    }

    /// <inheritdoc/>
    public override (byte[] Pixels, object? Payload) Result(byte[] records, int count, int converted, double seconds) => (records, null);
}
