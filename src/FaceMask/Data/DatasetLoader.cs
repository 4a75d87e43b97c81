using FaceMask.Features;

namespace FaceMask.Data;

/// <summary>Decodes a whole <see cref="ImageFolder"/> dataset into memory, with an on-disk cache of the decoded pixels.</summary>
public static class DatasetLoader
{
    /// <summary>
    /// Loads every image under <paramref name="root"/> as uint8 planar CHW RGB at the requested size.
    /// </summary>
    /// <remarks>
    /// Files are decoded in parallel. Unusable files are skipped and listed in <see cref="LoadedDataset.Skipped"/>
    /// unless <see cref="DatasetLoadOptions.Strict"/> is set. With the cache on, a later load only stats the files,
    /// reuses the pixels of files whose (path, length, last-write time) are unchanged, decodes new or changed files,
    /// drops removed ones, and rewrites the cache file (atomically) only when something changed. An unreadable or
    /// corrupt cache file is ignored and rebuilt; failing to write the cache is not an error. With a
    /// <see cref="DatasetLoadOptions.Preparer"/> (see <see cref="IImagePreparer"/>) each image is decoded at full size,
    /// prepared (e.g. cropped to its face) and resized as in-memory images are, and cached in a file of its own.
    /// <paramref name="progress"/> may be called from several threads at once, so intermediate reports can arrive out
    /// of order; the last report is always (Total, Total).
    /// </remarks>
    /// <param name="root">The dataset folder, laid out as <c>&lt;root&gt;/&lt;class&gt;/&lt;image&gt;</c>.</param>
    /// <param name="options">
    /// Size, resize mode, strictness and cache settings. With <see cref="DatasetLoadOptions.Backbone"/> set, the images'
    /// backbone features are loaded instead of their pixels (see <see cref="FeatureDatasetLoader"/>).
    /// </param>
    /// <param name="progress">Receives progress reports, or null.</param>
    /// <param name="cancellationToken">Stops decoding.</param>
    /// <exception cref="FaceMaskException">
    /// The folder layout is wrong, a class has no usable image, the options are invalid, or (strict mode) a file is
    /// unusable, as an <see cref="ImageDecodeException"/>.
    /// </exception>
    public static LoadedDataset Load(string root, DatasetLoadOptions options, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Backbone is not null
            ? FeatureDatasetLoader.Load(root, options, progress, cancellationToken)
            : PixelLoadStep.Load(root, options, progress, cancellationToken);
    }
}
