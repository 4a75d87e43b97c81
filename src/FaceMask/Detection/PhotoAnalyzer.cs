using FaceMask.Data;
using FaceMask.Features;
using FaceMask.Inference;
using FaceMask.Models;
using SkiaSharp;

namespace FaceMask.Detection;

/// <summary>
/// Finds the faces in a photo (<see cref="FaceDetector"/>), crops each with a margin (<see cref="FaceCrop"/>) and
/// classifies the crops with a trained model. When no face is found the whole photo is classified instead and the
/// result is flagged <see cref="PhotoAnalysis.WholeImage"/>: a photo that is already a tight face crop, like the
/// training images, often has too little context for the detector but still gets an answer.
/// </summary>
/// <remarks>
/// Thread-safe. Decoding runs in parallel; detection and classification of one photo at a time run under one lock so
/// that ONNX Runtime and libtorch never compete for the (two) cores.
/// </remarks>
public sealed class PhotoAnalyzer : IPhotoAnalyzer, IDisposable
{
    private readonly object gate = new();
    private readonly TrainedModel model;
    private readonly bool ownsModel;
    private readonly ImageClassifier classifier;
    private readonly FaceDetector detector;

    /// <summary>Wraps a loaded model (not disposed with the analyser) and opens the face detector.</summary>
    /// <exception cref="FaceMaskException">The face detector is missing or a setting is out of range.</exception>
    public PhotoAnalyzer(TrainedModel model, PhotoAnalyzerOptions? options = null)
        : this(model, options, ownsModel: false)
    {
    }

    private PhotoAnalyzer(TrainedModel model, PhotoAnalyzerOptions? options, bool ownsModel)
    {
        ArgumentNullException.ThrowIfNull(model);
        Options = options ?? new PhotoAnalyzerOptions();
        Options.Validate();
        this.model = model;
        this.ownsModel = ownsModel;
        detector = new FaceDetector(Options.Detector);
        classifier = new ImageClassifier(model, Options.BackboneDirectory, new ExtractionOptions { Workers = 1, ThreadsPerWorker = 1 }, Options.UnsureBelow);
        ModelId = DescribeModel(model.Manifest);
    }

    /// <summary>The settings in use.</summary>
    public PhotoAnalyzerOptions Options { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> Classes => model.Manifest.Classes;

    /// <inheritdoc/>
    /// <remarks>The architecture and the first 12 hex digits of the weights' SHA-256, e.g. <c>resnet18-1f2e3d4c5b6a</c>.</remarks>
    public string ModelId { get; }

    /// <summary>The calibration every face's answer gets: the model's, its unsure threshold replaced by <see cref="PhotoAnalyzerOptions.UnsureBelow"/> when set.</summary>
    public CalibrationInEffect Calibration => classifier.Calibration;

    /// <summary>The face detector in use.</summary>
    public FaceDetector Detector => detector;

    /// <summary>Loads the model folder <paramref name="modelDirectory"/> (null: the default model) and opens the detector.</summary>
    /// <exception cref="FaceMaskException">The model or the face detector is missing or unusable.</exception>
    public static PhotoAnalyzer Open(string? modelDirectory, PhotoAnalyzerOptions? options = null)
    {
        TrainedModel loaded = ModelStore.Load(ModelStore.ResolveDirectory(modelDirectory));
        try
        {
            return new PhotoAnalyzer(loaded, options, ownsModel: true);
        }
        catch
        {
            loaded.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public PhotoAnalysis Analyze(ReadOnlyMemory<byte> encoded, string nameForErrors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nameForErrors);
        using SKBitmap photo = ImageDecoder.DecodeBitmap(encoded.Span, nameForErrors);
        cancellationToken.ThrowIfCancellationRequested();
        return Analyze(photo, cancellationToken);
    }

    /// <summary>Finds and classifies the faces of a decoded, upright photo.</summary>
    /// <param name="photo">The photo (as <see cref="ImageDecoder.DecodeBitmap"/> returns it).</param>
    /// <param name="cancellationToken">Stops the work between steps.</param>
    public PhotoAnalysis Analyze(SKBitmap photo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(photo);
        lock (gate)
        {
            IReadOnlyList<DetectedFace> faces = detector.Detect(photo);
            if (Options.MaxFaces is { } most && faces.Count > most)
            {
                faces = faces.OrderByDescending(f => f.Score).Take(most).ToArray(); // stable: equal scores keep the detector's order
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (faces.Count == 0)
            {
                ImagePrediction whole = classifier.ClassifyImages([photo], ["photo"], cancellationToken)[0];
                var box = new FaceBox(0, 0, photo.Width, photo.Height);
                return new PhotoAnalysis(photo.Width, photo.Height, [new FaceResult(box, null, whole.Label!, whole.Probabilities, whole.Unsure)], WholeImage: true);
            }

            IReadOnlyList<ImagePrediction> predictions = ClassifyCrops(photo, faces.Select(f => f.Box).ToArray(), cancellationToken);
            var results = faces.Select((f, i) => new FaceResult(f.Box, f.Score, predictions[i].Label!, predictions[i].Probabilities, predictions[i].Unsure)).ToArray();
            return new PhotoAnalysis(photo.Width, photo.Height, results, WholeImage: false);
        }
    }

    /// <summary>Finds the faces of one video frame (no classification), best score first.</summary>
    internal IReadOnlyList<DetectedFace> DetectFaces(SKBitmap frame)
    {
        lock (gate)
        {
            return detector.Detect(frame);
        }
    }

    /// <summary>
    /// Crops each box of <paramref name="frame"/> as <see cref="Analyze(SKBitmap, CancellationToken)"/> does (the
    /// margin in <see cref="Options"/>) and classifies the crops: the calibrated answers, in box order.
    /// </summary>
    internal IReadOnlyList<ImagePrediction> ClassifyFaces(SKBitmap frame, IReadOnlyList<FaceBox> boxes, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return ClassifyCrops(frame, boxes, cancellationToken);
        }
    }

    private IReadOnlyList<ImagePrediction> ClassifyCrops(SKBitmap photo, IReadOnlyList<FaceBox> boxes, CancellationToken cancellationToken)
    {
        var crops = new List<SKBitmap>(boxes.Count);
        try
        {
            foreach (FaceBox box in boxes)
            {
                crops.Add(FaceCrop.Extract(photo, FaceCrop.Region(box, photo.Width, photo.Height, Options.Margin)));
            }

            return classifier.ClassifyImages(crops, crops.Select((_, i) => $"face {i + 1}").ToArray(), cancellationToken);
        }
        finally
        {
            crops.ForEach(c => c.Dispose());
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (gate)
        {
            detector.Dispose();
            classifier.Dispose();
            if (ownsModel)
            {
                model.Dispose();
            }
        }
    }

    private static string DescribeModel(ModelManifest manifest)
    {
        string hash = manifest.WeightsSha256 is { Length: >= 12 } sha ? sha[..12].ToLowerInvariant() : "unhashed";
        return $"{manifest.Arch}-{hash}";
    }
}
