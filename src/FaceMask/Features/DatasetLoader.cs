using FaceMask.Data;
using FaceMask.ResNet;

namespace FaceMask.Features;

/// <summary>
/// Loads a whole <see cref="ImageFolder"/> dataset into memory as decoded pixels, or as frozen-backbone features when
/// <see cref="DatasetLoadOptions.Backbone"/> is set, with an on-disk cache per file. It lives here, above
/// <c>Data</c>, because it is the one place that knows both: <c>Data</c> runs the load path and decodes, this folder
/// extracts features (<c>Data</c> does not depend on it).
/// </summary>
public static class DatasetLoader
{
    /// <summary>
    /// Loads every image under <paramref name="root"/>: as uint8 planar CHW RGB at the requested size, or, with
    /// <see cref="DatasetLoadOptions.Backbone"/> (<c>"resnet18"</c>), as the backbone's features of each image and of its
    /// horizontal mirror (<see cref="LoadedDatasetFeatures"/>; the pixels are then empty).
    /// </summary>
    /// <remarks>
    /// Files are decoded (and run through the backbone) in parallel. Unusable files are skipped and listed in
    /// <see cref="LoadedDataset.Skipped"/> unless <see cref="DatasetLoadOptions.Strict"/> is set; then the first one in
    /// path order throws. With the cache on, a later load only stats the files, reuses the pixels (or features) of files
    /// whose (path, length, last-write time, class) are unchanged — or whose content is, when only the time differs —,
    /// converts new or changed files, drops removed ones, and rewrites the cache file (atomically) only when something
    /// changed; a repeated feature load never touches ONNX Runtime. An unreadable or corrupt cache file is ignored and
    /// rebuilt; failing to write the cache is not an error. With a <see cref="DatasetLoadOptions.Preparer"/> (see
    /// <see cref="IImagePreparer"/>) each image is decoded at full size, prepared (e.g. cropped to its face) and resized
    /// as in-memory images are, and cached in a file of its own. The fingerprint is the same for pixels and features.
    /// <paramref name="progress"/> may be called from several threads at once, so intermediate reports can arrive out
    /// of order; the last report is always (Total, Total).
    /// </remarks>
    /// <param name="root">The dataset folder, laid out as <c>&lt;root&gt;/&lt;class&gt;/&lt;image&gt;</c>.</param>
    /// <param name="options">Size (for a backbone: its input size), resize mode, strictness, cache settings, backbone and preparation step.</param>
    /// <param name="progress">Receives progress reports, or null.</param>
    /// <param name="cancellationToken">Stops decoding.</param>
    /// <exception cref="FaceMaskException">
    /// The folder layout is wrong, a class has no usable image, the options are invalid (an unknown backbone, a size
    /// the backbone does not take), the backbone's files are missing, or (strict mode) a file is unusable, as an
    /// <see cref="ImageDecodeException"/>.
    /// </exception>
    public static LoadedDataset Load(string root, DatasetLoadOptions options, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Backbone is not null
            ? FeatureLoadStep.Load(root, options, progress, cancellationToken)
            : PixelLoadStep.Load(root, options, progress, cancellationToken);
    }
}
