using FaceMask.Data;
using FaceMask.ResNet;

namespace FaceMask.Features;

/// <summary>
/// Loads a dataset as frozen-backbone features: every image is decoded at the backbone's input size and run through
/// the backbone twice (as is and mirrored horizontally), with an on-disk feature cache so that a repeated run only
/// stats the files and reads the cache, never touching ONNX Runtime.
/// </summary>
public static class FeatureDatasetLoader
{
    /// <summary>
    /// Loads the features of every image under <paramref name="root"/> for <see cref="DatasetLoadOptions.Backbone"/>.
    /// </summary>
    /// <remarks>
    /// Same rules as <see cref="DatasetLoader.Load"/>: unusable files are skipped (or, strict, the first one in path
    /// order throws), a class without usable images is an error, the cache is matched per file by (path, length,
    /// last-write time, class), rewritten atomically only when something changed, and a corrupt cache is rebuilt.
    /// The fingerprint is the same as for pixels. The returned dataset has empty <see cref="LoadedDataset.Pixels"/>
    /// and its <see cref="LoadedDataset.Features"/> set. With a <see cref="DatasetLoadOptions.Preparer"/> each image is
    /// decoded at full size, prepared (e.g. cropped to its face) and resized as in-memory images are before extraction,
    /// and the features are cached in a file of their own; the step runs on the extraction workers' threads.
    /// </remarks>
    /// <param name="root">The dataset folder, laid out as <c>&lt;root&gt;/&lt;class&gt;/&lt;image&gt;</c>.</param>
    /// <param name="options">Backbone, size (must be the backbone's input size), resize mode, strictness, cache and extraction settings.</param>
    /// <param name="progress">Receives progress reports (possibly from several threads), or null.</param>
    /// <param name="cancellationToken">Stops extraction.</param>
    /// <exception cref="FaceMaskException">
    /// An unknown backbone, a wrong size, missing backbone files, a wrong folder layout, a class without usable
    /// images, or (strict) an unusable file.
    /// </exception>
    public static LoadedDataset Load(string root, DatasetLoadOptions options, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return FeatureLoadStep.Load(root, options, options.Extraction, progress, cancellationToken);
    }
}
