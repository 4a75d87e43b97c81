using FaceMask.Inference;
using Microsoft.ML.OnnxRuntime;
using SkiaSharp;

namespace FaceMask.Detection;

/// <summary>
/// Finds faces in a photo with a BlazeFace model on ONNX Runtime: the photo (and, for large photos, overlapping tiles of
/// it, see <see cref="DetectionTiles"/>) is letterboxed into the model's square input, every anchor is decoded, the
/// boxes are mapped back to photo pixels and overlapping detections are merged (weighted non-maximum suppression). One session is opened and reused; <see cref="Detect"/> is safe to call from several
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
        using SessionOptions sessionOptions = Runtime.OnnxSessionSettings.Create(Options.IntraOpThreads);
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
        var candidates = new List<FaceCandidate>();
        foreach (SKRectI region in DetectionTiles.For(photo.Width, photo.Height, Model.InputSize, Options.TileLevels))
        {
            candidates.AddRange(DetectIn(photo, region, minScore));
        }

        var faces = new List<DetectedFace>();
        foreach (FaceCandidate c in WeightedNonMaxSuppression.Apply(candidates, Options.IouThreshold))
        {
            float left = Math.Clamp(c.CenterX - (c.Width / 2), 0, photo.Width);
            float top = Math.Clamp(c.CenterY - (c.Height / 2), 0, photo.Height);
            float right = Math.Clamp(c.CenterX + (c.Width / 2), 0, photo.Width);
            float bottom = Math.Clamp(c.CenterY + (c.Height / 2), 0, photo.Height);
            if (right - left < 1 || bottom - top < 1)
            {
                continue;
            }

            var keypoints = new SKPoint[BlazeFaceDecoder.KeypointCount];
            for (int k = 0; k < keypoints.Length; k++)
            {
                keypoints[k] = new SKPoint(c.Keypoints[2 * k], c.Keypoints[(2 * k) + 1]);
            }

            faces.Add(new DetectedFace(new FaceBox(left, top, right - left, bottom - top), c.Score, keypoints));
        }

        return faces;
    }

    /// <inheritdoc/>
    public void Dispose() => session.Dispose();

    /// <summary>
    /// Runs the model on one region of the photo; candidates in photo pixels. On a tile, faces cut by an inner tile
    /// edge are dropped (the neighbouring tile or the whole photo sees them whole).
    /// </summary>
    private List<FaceCandidate> DetectIn(SKBitmap photo, SKRectI region, float threshold)
    {
        bool whole = region.Left == 0 && region.Top == 0 && region.Width == photo.Width && region.Height == photo.Height;
        var letterbox = new Letterbox(region.Width, region.Height, Model.InputSize);
        List<FaceCandidate> raw;
        if (whole)
        {
            raw = RunModel(letterbox, photo, threshold);
        }
        else
        {
            using SKBitmap tile = FaceCrop.Extract(photo, region);
            raw = RunModel(letterbox, tile, threshold);
        }

        float edge = 0.02f * Math.Max(region.Width, region.Height);
        var result = new List<FaceCandidate>(raw.Count);
        foreach (FaceCandidate c in raw)
        {
            SKPoint topLeft = letterbox.ToPhoto(c.CenterX - (c.Width / 2), c.CenterY - (c.Height / 2));
            SKPoint bottomRight = letterbox.ToPhoto(c.CenterX + (c.Width / 2), c.CenterY + (c.Height / 2));
            if (!whole &&
                ((region.Left > 0 && topLeft.X < edge) || (region.Top > 0 && topLeft.Y < edge) ||
                 (region.Right < photo.Width && bottomRight.X > region.Width - edge) || (region.Bottom < photo.Height && bottomRight.Y > region.Height - edge)))
            {
                continue;
            }

            var keypoints = new float[c.Keypoints.Length];
            for (int k = 0; k < keypoints.Length; k += 2)
            {
                SKPoint p = letterbox.ToPhoto(c.Keypoints[k], c.Keypoints[k + 1]);
                keypoints[k] = p.X + region.Left;
                keypoints[k + 1] = p.Y + region.Top;
            }

            result.Add(new FaceCandidate(
                ((topLeft.X + bottomRight.X) / 2) + region.Left,
                ((topLeft.Y + bottomRight.Y) / 2) + region.Top,
                bottomRight.X - topLeft.X,
                bottomRight.Y - topLeft.Y,
                c.Score,
                keypoints));
        }

        return result;
    }

    private List<FaceCandidate> RunModel(Letterbox letterbox, SKBitmap image, float threshold)
    {
        int size = Model.InputSize;
        var input = new float[size * size * 3];
        using (SKBitmap rendered = letterbox.Render(image))
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
