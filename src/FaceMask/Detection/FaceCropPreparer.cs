using System.Globalization;
using FaceMask.Data;
using FaceMask.Models;
using SkiaSharp;

namespace FaceMask.Detection;

/// <summary>
/// The input step of a model trained on face crops (<see cref="ModelManifest.FaceCrop"/>): each image's best-scoring
/// face, found with the model's detector settings and cut with its margin (<see cref="FaceCrop"/>), or the image whole
/// when no face is found. <see cref="FilePredictor"/> (<c>predict</c>) classifies what it returns; set as
/// <see cref="DatasetLoadOptions.Preparer"/> it makes <c>evaluate</c>, <c>train --resume</c> and <c>bias</c> load
/// whole images the same way, so their probabilities equal <c>predict</c>'s for the same file.
/// </summary>
/// <remarks>
/// Thread-safe: the detector runs on the caller's thread with one ONNX Runtime intra-op thread, so each of the
/// loader's parallel workers uses one core.
/// </remarks>
public sealed class FaceCropPreparer : IImagePreparer, IDisposable
{
    /// <summary>Bumped whenever detection or cropping changes what a crop holds, so that cached crops are made again.</summary>
    public const int Version = 1;

    private readonly FaceDetector detector;
    private readonly float margin;

    /// <summary>Opens the detector named by <paramref name="settings"/>.</summary>
    /// <param name="settings">Detector, threshold and margin (a model's <see cref="ModelManifest.FaceCrop"/>).</param>
    /// <param name="detectorDirectory">Folder of the BlazeFace files; null uses <see cref="BlazeFaceModel.DefaultDirectory"/>.</param>
    /// <exception cref="FaceMaskException">The detector is missing or unusable, or a setting is out of range.</exception>
    public FaceCropPreparer(FaceCropSettings settings, string? detectorDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        PhotoAnalyzerOptions options = PhotoAnalyzerOptions.For(settings);
        options.Validate();
        detector = new FaceDetector(options.Detector with { Directory = detectorDirectory, IntraOpThreads = 1 });
        margin = options.Margin;
        Settings = settings;
        Id = string.Create(CultureInfo.InvariantCulture,
            $"faces-{detector.Model.Name}-t{detector.Options.Threshold.ToString("R", CultureInfo.InvariantCulture)}-m{margin.ToString("R", CultureInfo.InvariantCulture)}-v{Version}");
    }

    /// <inheritdoc/>
    /// <remarks>For example <c>faces-front-t0.5-m0.25-v1</c>.</remarks>
    public string Id { get; }

    /// <summary>The detector settings and margin in use (the model's).</summary>
    public FaceCropSettings Settings { get; }

    /// <summary>
    /// The step for loading the labelled images at <paramref name="dataRoot"/> for <paramref name="manifest"/>'s model:
    /// null when the model was trained on whole images, or when the folder already is a face-cropped copy
    /// (<see cref="FaceCropSettings.FileName"/> in it), which is used as it is.
    /// </summary>
    /// <exception cref="FaceMaskException">The detector is missing, or the folder's face-crop settings cannot be read.</exception>
    public static FaceCropPreparer? For(ModelManifest manifest, string dataRoot)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataRoot);
        return manifest.FaceCrop is { } settings && FaceCropSettings.Read(dataRoot) is null ? new FaceCropPreparer(settings) : null;
    }

    /// <inheritdoc/>
    /// <remarks>The best face is chosen as <see cref="PhotoAnalyzer"/> with <see cref="PhotoAnalyzerOptions.MaxFaces"/> = 1 chooses it (highest score, first on ties).</remarks>
    public SKBitmap? Prepare(SKBitmap photo, string nameForErrors)
    {
        ArgumentNullException.ThrowIfNull(photo);
        IReadOnlyList<DetectedFace> faces = detector.Detect(photo);
        if (faces.Count == 0)
        {
            return null;
        }

        DetectedFace best = faces.OrderByDescending(f => f.Score).First();
        return FaceCrop.Extract(photo, FaceCrop.Region(best.Box, photo.Width, photo.Height, margin));
    }

    /// <inheritdoc/>
    FaceCropSettings? IImagePreparer.FaceCrop => Settings;

    /// <summary>Closes the detector.</summary>
    public void Dispose() => detector.Dispose();
}
