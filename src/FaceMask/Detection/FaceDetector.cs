using FaceMask.Inference;
using Microsoft.ML.OnnxRuntime;
using SkiaSharp;

namespace FaceMask.Detection;

/// <summary>
/// Finds faces in a photo with a BlazeFace model on ONNX Runtime: the photo is letterboxed into the model's square
/// input, every anchor is decoded, overlapping detections are merged (weighted non-maximum suppression) and the boxes
/// are mapped back to photo pixels. One session is opened and reused; <see cref="Detect"/> is safe to call from several
/// threads at once (ONNX Runtime sessions allow concurrent runs; buffers are per call).
/// </summary>
public sealed class FaceDetector : IDisposable
{
    private readonly InferenceSession session;
    private readonly SsdAnchor[] anchors;

    /// <summary>Opens the model named by <paramref name="options"/>.</summary>
    /// <exception cref="FaceMaskException">The model file is missing, unreadable or not the expected model.</exception>
    public FaceDetector(FaceDetectorOptions? options = null)
    {
        Options = options ?? new FaceDetectorOptions();
        Options.Validate();
        Model = Options.Model;
        ModelPath = Model.Locate(Options.Directory);
        anchors = SsdAnchors.Generate(Model.InputSize, Model.Strides);
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = Options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        try
        {
            session = new InferenceSession(ModelPath, sessionOptions);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new FaceMaskException($"{ModelPath}: cannot load the ONNX model ({ex.Message})", ex);
        }

        try
        {
            CheckShapes();
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The settings in use.</summary>
    public FaceDetectorOptions Options { get; }

    /// <summary>The BlazeFace model in use.</summary>
    public BlazeFaceModel Model { get; }

    /// <summary>Full path of the ONNX file.</summary>
    public string ModelPath { get; }

    /// <summary>Finds the faces in <paramref name="photo"/>, best score first.</summary>
    /// <param name="photo">The photo (any size; RGBA as decoded by <see cref="Data.ImageDecoder.DecodeBitmap"/>).</param>
    /// <param name="threshold">Lowest score kept; null uses the options' threshold.</param>
    public IReadOnlyList<DetectedFace> Detect(SKBitmap photo, float? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        float minScore = threshold ?? Options.Threshold;
        var letterbox = new Letterbox(photo.Width, photo.Height, Model.InputSize);
        List<FaceCandidate> candidates = RunModel(letterbox, photo, minScore);
        var faces = new List<DetectedFace>();
        foreach (FaceCandidate c in WeightedNonMaxSuppression.Apply(candidates, Options.IouThreshold))
        {
            SKPoint topLeft = letterbox.ToPhoto(c.CenterX - (c.Width / 2), c.CenterY - (c.Height / 2));
            SKPoint bottomRight = letterbox.ToPhoto(c.CenterX + (c.Width / 2), c.CenterY + (c.Height / 2));
            float left = Math.Clamp(topLeft.X, 0, photo.Width);
            float top = Math.Clamp(topLeft.Y, 0, photo.Height);
            float right = Math.Clamp(bottomRight.X, 0, photo.Width);
            float bottom = Math.Clamp(bottomRight.Y, 0, photo.Height);
            if (right - left < 1 || bottom - top < 1)
            {
                continue;
            }

            var keypoints = new SKPoint[BlazeFaceDecoder.KeypointCount];
            for (int k = 0; k < keypoints.Length; k++)
            {
                keypoints[k] = letterbox.ToPhoto(c.Keypoints[2 * k], c.Keypoints[(2 * k) + 1]);
            }

            faces.Add(new DetectedFace(new FaceBox(left, top, right - left, bottom - top), c.Score, keypoints));
        }

        return faces;
    }

    /// <inheritdoc/>
    public void Dispose() => session.Dispose();

    private List<FaceCandidate> RunModel(Letterbox letterbox, SKBitmap photo, float threshold)
    {
        int size = Model.InputSize;
        var input = new float[size * size * 3];
        using (SKBitmap rendered = letterbox.Render(photo))
        {
            ReadOnlySpan<byte> rgba = rendered.GetPixelSpan();
            int rowBytes = rendered.RowBytes;
            for (int y = 0; y < size; y++)
            {
                for (int x = 0; x < size; x++)
                {
                    int p = (y * rowBytes) + (x * 4);
                    int o = ((y * size) + x) * 3;
                    input[o] = (rgba[p] / 127.5f) - 1f;
                    input[o + 1] = (rgba[p + 1] / 127.5f) - 1f;
                    input[o + 2] = (rgba[p + 2] / 127.5f) - 1f;
                }
            }
        }

        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [1, size, size, 3]);
        string[] outputNames = BlazeFaceModel.Outputs.SelectMany(o => new[] { o.Scores, o.Boxes }).ToArray();
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(runOptions, [BlazeFaceModel.Input], [inputValue], outputNames);
        var scores = new List<float>(anchors.Length);
        var boxes = new List<float>(anchors.Length * BlazeFaceDecoder.ValuesPerAnchor);
        for (int i = 0; i < outputs.Count; i += 2)
        {
            scores.AddRange(outputs[i].GetTensorDataAsSpan<float>());
            boxes.AddRange(outputs[i + 1].GetTensorDataAsSpan<float>());
        }

        if (scores.Count != anchors.Length)
        {
            throw new FaceMaskException($"{ModelPath}: {scores.Count} scores for {anchors.Length} anchors; not the expected BlazeFace model");
        }

        return BlazeFaceDecoder.Decode(scores.ToArray(), boxes.ToArray(), anchors, size, threshold);
    }

    private void CheckShapes()
    {
        if (!session.InputMetadata.TryGetValue(BlazeFaceModel.Input, out NodeMetadata? input) ||
            input.Dimensions.Length != 4 || input.Dimensions[1] != Model.InputSize || input.Dimensions[2] != Model.InputSize || input.Dimensions[3] != 3)
        {
            throw new FaceMaskException(
                $"{ModelPath}: not the BlazeFace {Model.Name} model (expected input {BlazeFaceModel.Input} 1×{Model.InputSize}×{Model.InputSize}×3; " +
                $"inputs [{string.Join(", ", session.InputMetadata.Select(kv => $"{kv.Key} [{string.Join(", ", kv.Value.Dimensions)}]"))}])");
        }

        long total = 0;
        foreach (var (scores, boxes) in BlazeFaceModel.Outputs)
        {
            if (!session.OutputMetadata.TryGetValue(scores, out NodeMetadata? s) || !session.OutputMetadata.TryGetValue(boxes, out NodeMetadata? b) ||
                b.Dimensions[^1] != BlazeFaceDecoder.ValuesPerAnchor)
            {
                throw new FaceMaskException($"{ModelPath}: not a BlazeFace model (outputs [{string.Join(", ", session.OutputMetadata.Keys)}])");
            }

            total += s.Dimensions.Aggregate(1L, (x, y) => x * Math.Max(y, 1));
        }

        if (total != anchors.Length)
        {
            throw new FaceMaskException($"{ModelPath}: the model scores {total} anchors but the {Model.Name} anchor layout has {anchors.Length}");
        }
    }
}
