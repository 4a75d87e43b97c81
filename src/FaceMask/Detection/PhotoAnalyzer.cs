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
/// that ONNX Runtime and libtorch never compete for the (two) cores. With a <see cref="FaceBatcher"/>, only detection
/// and cropping run under the lock and the faces are classified in the batcher's batches, together with other
/// callers' faces; <see cref="AnalyzeAsync"/> then waits for them without holding a thread.
/// </remarks>
public sealed class PhotoAnalyzer : IPhotoAnalyzer, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly TrainedModel model;
    private readonly bool ownsModel;
    private readonly ImageClassifier classifier;
    private readonly FaceDetector detector;
    private readonly FaceBatcher? batcher;

    /// <summary>Wraps a loaded model (not disposed with the analyser) and opens the face detector.</summary>
    /// <exception cref="FaceMaskException">The face detector is missing or a setting is out of range.</exception>
    public PhotoAnalyzer(TrainedModel model, PhotoAnalyzerOptions? options = null)
        : this(model, options, ownsModel: false, batcher: null)
    {
    }

    /// <summary>
    /// Wraps a loaded model (not disposed with the analyser), opens the face detector and classifies faces through
    /// <paramref name="batcher"/> (not disposed with the analyser; its classifiers must be of the same model and
    /// calibration). Several analysers may share one batcher and one model: each detects one photo at a time.
    /// </summary>
    /// <exception cref="FaceMaskException">The face detector is missing or a setting is out of range.</exception>
    public PhotoAnalyzer(TrainedModel model, PhotoAnalyzerOptions? options, FaceBatcher batcher)
        : this(model, options, ownsModel: false, batcher ?? throw new ArgumentNullException(nameof(batcher)))
    {
    }

    private PhotoAnalyzer(TrainedModel model, PhotoAnalyzerOptions? options, bool ownsModel, FaceBatcher? batcher)
    {
        ArgumentNullException.ThrowIfNull(model);
        Options = options ?? new PhotoAnalyzerOptions();
        Options.Validate();
        this.model = model;
        this.ownsModel = ownsModel;
        detector = new FaceDetector(Options.Detector);
        // With a batcher this classifier only gives the calibration (the batcher's workers run the network), so it opens no ONNX Runtime session.
        classifier = new ImageClassifier(
            model, Options.BackboneDirectory, new ExtractionOptions { Workers = 1, ThreadsPerWorker = Options.ModelThreads }, Options.UnsureBelow, batcher is null ? Options.Engine : InferenceEngine.Torch);
        ModelId = DescribeModel(model.Manifest);
        this.batcher = batcher;
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
            return new PhotoAnalyzer(loaded, options, ownsModel: true, batcher: null);
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
        using IDisposable? announced = batcher?.Announce();
        gate.Wait(cancellationToken);
        PhotoFaces found;
        try
        {
            found = Find(photo, cancellationToken);
        }
        finally
        {
            gate.Release();
        }

        announced?.Dispose();
        if (found.Analysis is { } done)
        {
            return done;
        }

        try
        {
            IReadOnlyList<ImagePrediction> predictions = batcher!.Classify(found.Crops!, found.Names!, cancellationToken);
            return Answer(found.Faces, photo.Width, photo.Height, predictions);
        }
        finally
        {
            found.Crops!.ForEach(c => c.Dispose());
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// With a <see cref="FaceBatcher"/> the photo is decoded and searched for faces under this analyser's lock (so one
    /// decoded photo per analyser is held at a time) and the wait for the faces' batch holds no thread; without one, as
    /// <see cref="Analyze(ReadOnlyMemory{byte}, string, CancellationToken)"/>.
    /// </remarks>
    public async Task<PhotoAnalysis> AnalyzeAsync(ReadOnlyMemory<byte> encoded, string nameForErrors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nameForErrors);
        if (batcher is null)
        {
            return Analyze(encoded, nameForErrors, cancellationToken);
        }

        PhotoFaces found;
        int width, height;
        using (IDisposable announced = batcher.Announce())
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using SKBitmap photo = ImageDecoder.DecodeBitmap(encoded.Span, nameForErrors);
                (width, height) = (photo.Width, photo.Height);
                found = Find(photo, cancellationToken); // batched: crops (or the whole photo) to classify, never an answer

                // Resized now, under the lock: the crops and the photo are released before the wait.
                try
                {
                    found = found with { Answers = batcher.ClassifyAsync(found.Crops!, found.Names!, cancellationToken) };
                }
                finally
                {
                    found.Crops!.ForEach(c => c.Dispose());
                }
            }
            finally
            {
                gate.Release();
            }
        }

        IReadOnlyList<ImagePrediction> predictions = await found.Answers!.ConfigureAwait(false);
        return Answer(found.Faces, width, height, predictions);
    }

    /// <summary>Finds the faces of one video frame (no classification), best score first.</summary>
    internal IReadOnlyList<DetectedFace> DetectFaces(SKBitmap frame)
    {
        gate.Wait();
        try
        {
            return detector.Detect(frame);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Crops each box of <paramref name="frame"/> as <see cref="Analyze(SKBitmap, CancellationToken)"/> does (the
    /// margin in <see cref="Options"/>) and classifies the crops: the calibrated answers, in box order.
    /// </summary>
    internal IReadOnlyList<ImagePrediction> ClassifyFaces(SKBitmap frame, IReadOnlyList<FaceBox> boxes, CancellationToken cancellationToken = default)
    {
        if (batcher is not null)
        {
            List<SKBitmap> crops = Crop(frame, boxes);
            try
            {
                return batcher.Classify(crops, Names(crops.Count), cancellationToken);
            }
            finally
            {
                crops.ForEach(c => c.Dispose());
            }
        }

        gate.Wait(cancellationToken);
        try
        {
            return ClassifyCrops(frame, boxes, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Detection (call under the lock): the whole answer when no batcher classifies the faces or no face was found,
    /// else the faces and their crops for the batcher (the caller disposes the crops).
    /// </summary>
    private PhotoFaces Find(SKBitmap photo, CancellationToken cancellationToken)
    {
        IReadOnlyList<DetectedFace> faces = detector.Detect(photo);
        if (Options.MaxFaces is { } most && faces.Count > most)
        {
            faces = faces.OrderByDescending(f => f.Score).Take(most).ToArray(); // stable: equal scores keep the detector's order
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (batcher is null)
        {
            IReadOnlyList<ImagePrediction> predictions = faces.Count == 0
                ? classifier.ClassifyImages([photo], ["photo"], cancellationToken)
                : ClassifyCrops(photo, faces.Select(f => f.Box).ToArray(), cancellationToken);
            return new PhotoFaces(faces, Answer(faces, photo.Width, photo.Height, predictions));
        }

        // Batched: even a photo without a face goes through the batcher, whose workers are the only ones to run the model.
        List<SKBitmap> crops = faces.Count == 0 ? [photo.Copy()] : Crop(photo, faces.Select(f => f.Box).ToArray());
        return new PhotoFaces(faces, null) { Crops = crops, Names = faces.Count == 0 ? ["photo"] : Names(crops.Count) };
    }

    /// <summary>The analysis for the detected faces' predictions, or for the whole photo's one prediction when there was no face.</summary>
    private static PhotoAnalysis Answer(IReadOnlyList<DetectedFace> faces, int width, int height, IReadOnlyList<ImagePrediction> predictions)
    {
        if (faces.Count > 0)
        {
            return new PhotoAnalysis(width, height, Results(faces, predictions), WholeImage: false);
        }

        ImagePrediction whole = predictions[0];
        return new PhotoAnalysis(width, height, [new FaceResult(new FaceBox(0, 0, width, height), null, whole.Label!, whole.Probabilities, whole.Unsure)], WholeImage: true);
    }

    private static FaceResult[] Results(IReadOnlyList<DetectedFace> faces, IReadOnlyList<ImagePrediction> predictions) =>
        faces.Select((f, i) => new FaceResult(f.Box, f.Score, predictions[i].Label!, predictions[i].Probabilities, predictions[i].Unsure)).ToArray();

    private static string[] Names(int count) => [.. Enumerable.Range(1, count).Select(i => $"face {i}")];

    private List<SKBitmap> Crop(SKBitmap photo, IReadOnlyList<FaceBox> boxes)
    {
        var crops = new List<SKBitmap>(boxes.Count);
        try
        {
            foreach (FaceBox box in boxes)
            {
                crops.Add(FaceCrop.Extract(photo, FaceCrop.Region(box, photo.Width, photo.Height, Options.Margin)));
            }

            return crops;
        }
        catch
        {
            crops.ForEach(c => c.Dispose());
            throw;
        }
    }

    private IReadOnlyList<ImagePrediction> ClassifyCrops(SKBitmap photo, IReadOnlyList<FaceBox> boxes, CancellationToken cancellationToken)
    {
        List<SKBitmap> crops = Crop(photo, boxes);
        try
        {
            return classifier.ClassifyImages(crops, Names(crops.Count), cancellationToken);
        }
        finally
        {
            crops.ForEach(c => c.Dispose());
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        gate.Wait();
        try
        {
            detector.Dispose();
            classifier.Dispose();
            if (ownsModel)
            {
                model.Dispose();
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private static string DescribeModel(ModelManifest manifest)
    {
        string hash = manifest.WeightsSha256 is { Length: >= 12 } sha ? sha[..12].ToLowerInvariant() : "unhashed";
        return $"{manifest.Arch}-{hash}";
    }
}
