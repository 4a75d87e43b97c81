namespace FaceMask.Data;

/// <summary>
/// A dataset decoded into memory: one uint8 image of 3×<see cref="Size"/>×<see cref="Size"/> per usable file, or,
/// when loaded for a backbone model, the backbone's features of each image instead (<c>Features.LoadedDatasetFeatures</c>).
/// </summary>
public sealed class LoadedDataset
{
    internal LoadedDataset(
        string root,
        IReadOnlyList<string> classes,
        IReadOnlyList<string> paths,
        int[] labels,
        int size,
        ResizeMode resize,
        byte[] pixels,
        IReadOnlyList<SkippedFile> skipped,
        string fingerprint,
        string? cachePath,
        bool loadedFromCache,
        object? payload = null)
    {
        Root = root;
        Classes = classes;
        Paths = paths;
        Labels = labels;
        Size = size;
        Resize = resize;
        Pixels = pixels;
        Skipped = skipped;
        Fingerprint = fingerprint;
        CachePath = cachePath;
        LoadedFromCache = loadedFromCache;
        Payload = payload;
    }

    /// <summary>Full path of the dataset root.</summary>
    public string Root { get; }

    /// <summary>
    /// How the images were cropped to faces (<see cref="FaceCropSettings.FileName"/> in the root, or the settings of the
    /// face-crop <see cref="Preparation"/> step that cropped them while loading), or null for ordinary images.
    /// </summary>
    public FaceCropSettings? FaceCrop { get; init; }

    /// <summary>
    /// What the <see cref="DatasetLoadOptions.Preparer"/> did (e.g. how many images had no face and were used whole), or
    /// null when no step ran (none was given, or the dataset already is a face-cropped copy).
    /// </summary>
    public ImagePreparation? Preparation { get; init; }

    /// <summary>Class names sorted ordinally; a label is an index into this list.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Path of each image relative to <see cref="Root"/> ('/' separators), sorted ordinally.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>Class index of each image.</summary>
    public int[] Labels { get; }

    /// <summary>Width and height of each image in pixels.</summary>
    public int Size { get; }

    /// <summary>How the images were resized.</summary>
    public ResizeMode Resize { get; }

    /// <summary>
    /// All images back to back: <see cref="Count"/>×3×<see cref="Size"/>×<see cref="Size"/> bytes, planar CHW RGB per
    /// image, not normalised. Empty when the dataset holds backbone features instead.
    /// </summary>
    public byte[] Pixels { get; }

    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Files left out because they are not usable images, with the reason.</summary>
    public IReadOnlyList<SkippedFile> Skipped { get; }

    /// <summary>
    /// Lower-case hex SHA-256 identifying the dataset content: over the images in <see cref="Paths"/> order, each
    /// contributing its UTF-8 relative path, a zero byte, its label (int32 little-endian) and the SHA-256 of its file
    /// bytes. It changes when any image's content, name or class changes, and does not depend on size or resize mode.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>The cache file used for this load, or null when caching was off or no cache folder was writable.</summary>
    public string? CachePath { get; }

    /// <summary>True when every file's pixels or features (or known problem) came from the cache and nothing had to be decoded.</summary>
    public bool LoadedFromCache { get; }

    /// <summary>What the load step made of the images instead of pixels (backbone features, read through <c>Features.LoadedDatasetFeatures</c>), or null.</summary>
    internal object? Payload { get; }

    /// <summary>Pixels of image <paramref name="index"/>: 3×<see cref="Size"/>×<see cref="Size"/> bytes, planar CHW RGB.</summary>
    public ReadOnlySpan<byte> ImagePixels(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        int length = 3 * Size * Size;
        return Pixels.AsSpan(index * length, length);
    }
}
