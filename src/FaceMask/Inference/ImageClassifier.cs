using FaceMask.Data;
using FaceMask.Features;
using FaceMask.Inputs;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Training;
using SkiaSharp;

namespace FaceMask.Inference;

/// <summary>
/// Classifies image files with a trained model, decoding them the way the model was trained (and, for a backbone
/// model, running them and their mirror images through the backbone), and calibrates each answer's probabilities and
/// decides whether it is unsure (<see cref="Calibration"/>). The network runs in libtorch or, with
/// <see cref="InferenceEngine.OnnxRuntime"/>, as its exported graph in ONNX Runtime. Dispose it to close the ONNX Runtime
/// sessions it opened.
/// </summary>
public sealed class ImageClassifier : IDisposable
{
    private const int OnnxFileChunk = 32;
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".bmp", ".webp", ".gif"];
    private readonly TrainedModel model;
    private readonly IInputEncoder encoder;
    private readonly OnnxNetworkSession? onnx;

    /// <summary>Wraps a loaded model.</summary>
    /// <param name="model">The model.</param>
    /// <param name="backboneDirectory">
    /// For a backbone model (resnet18), the folder of the backbone's ONNX files; null uses the application's
    /// <c>models/&lt;backbone&gt;</c>. Features are extracted on the fly for the files given.
    /// </param>
    /// <param name="extraction">
    /// Threads and batch size of on-the-fly backbone extraction, and (<see cref="ExtractionOptions.ThreadsPerWorker"/>) the
    /// threads of the ONNX Runtime network session; null uses <see cref="ExtractionOptions.Default"/>.
    /// </param>
    /// <param name="unsureBelow">
    /// The unsure threshold, in [0, 1] (0: never unsure); null uses the model's calibrated one (<see cref="CalibrationInEffect.For"/>).
    /// </param>
    /// <param name="engine">
    /// What runs the network: libtorch (the loaded network) or ONNX Runtime (its exported graph, built here, on
    /// <paramref name="extraction"/>'s threads per session). Both give the same probabilities up to float rounding.
    /// </param>
    /// <exception cref="FaceMaskException">
    /// <paramref name="unsureBelow"/> is outside [0, 1], or ONNX Runtime was asked for and the model's graph cannot be built or run.
    /// </exception>
    public ImageClassifier(TrainedModel model, string? backboneDirectory = null, ExtractionOptions? extraction = null, double? unsureBelow = null, InferenceEngine engine = InferenceEngine.Torch)
    {
        ArgumentNullException.ThrowIfNull(model);
        Calibration = CalibrationInEffect.For(model.Manifest, unsureBelow);
        this.model = model;
        encoder = InputEncoders.For(model.Manifest.Arch, backboneDirectory, extraction);
        Engine = engine;
        if (engine == InferenceEngine.OnnxRuntime)
        {
            try
            {
                onnx = new OnnxNetworkSession(model, backboneDirectory, (extraction ?? ExtractionOptions.Default).ThreadsPerWorker);
                if (onnx.Side != encoder.ResizedSide(model.Manifest))
                {
                    throw new FaceMaskException($"{model.Manifest.Arch} model: its exported graph takes {onnx.Side} px images, its inputs are {encoder.ResizedSide(model.Manifest)} px");
                }
            }
            catch
            {
                Dispose();
                throw;
            }
        }
    }

    /// <summary>What runs the network.</summary>
    public InferenceEngine Engine { get; }

    /// <summary>
    /// The temperature every answer's probabilities are calibrated with and the threshold below which an answer is
    /// unsure: the one place every inference path (predict, detect, serve) gets them from.
    /// </summary>
    public CalibrationInEffect Calibration { get; }

    /// <summary>Expands folders (recursively, image extensions only, sorted) and keeps files as given.</summary>
    public static IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths)
    {
        var result = new List<string>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                result.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(System.IO.Path.GetExtension(f).ToLowerInvariant()))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                result.Add(path);
            }
            else
            {
                throw new FaceMaskException($"{path}: no such file or folder");
            }
        }

        return result;
    }

    /// <summary>Classifies every file; unreadable files get an error entry instead of stopping the batch.</summary>
    /// <exception cref="FaceMaskException">A backbone model's backbone files are missing or differ from the ones it was trained on.</exception>
    public IReadOnlyList<ImagePrediction> Classify(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (onnx is not null)
        {
            return ClassifyFilesWithOnnx(files, onnx);
        }

        var results = new ImagePrediction[files.Count];
        using (var encoded = encoder.EncodeFiles(files, model.Manifest))
        {
            if (encoded.Inputs is { } inputs)
            {
                float[][] probs = Predictor.Probabilities(model.Network, inputs);
                for (int k = 0; k < encoded.Rows.Length; k++)
                {
                    results[encoded.Rows[k]] = ToPrediction(files[encoded.Rows[k]], probs[k]);
                }
            }

            for (int i = 0; i < files.Count; i++)
            {
                results[i] ??= new ImagePrediction(files[i], null, new Dictionary<string, float>(), encoded.Errors[i], Unsure: false);
            }
        }

        return results;
    }

    /// <summary>
    /// Classifies in-memory images (e.g. face crops), resized as files are. Not for concurrent use on one classifier;
    /// callers that share one serialise their calls.
    /// </summary>
    /// <param name="images">The images, upright.</param>
    /// <param name="names">A name per image, used as its prediction's path.</param>
    /// <param name="cancellationToken">Stops between images.</param>
    /// <exception cref="FaceMaskException">A backbone model's backbone files are missing or differ from the ones it was trained on.</exception>
    public IReadOnlyList<ImagePrediction> ClassifyImages(IReadOnlyList<SKBitmap> images, IReadOnlyList<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count != images.Count)
        {
            throw new ArgumentException("one name per image is needed", nameof(names));
        }

        if (images.Count == 0)
        {
            return [];
        }

        if (onnx is not null)
        {
            return ClassifyResized(images.Select(Resize).ToArray(), names, cancellationToken);
        }

        using var scope = TorchSharp.torch.NewDisposeScope();
        var inputs = encoder.EncodeImages(images, model.Manifest, cancellationToken);
        float[][] probs = Predictor.Probabilities(model.Network, inputs);
        return probs.Select((p, i) => ToPrediction(names[i], p)).ToArray();
    }

    /// <summary>
    /// One in-memory image resized as <see cref="ClassifyImages"/> resizes it (planar RGB uint8): the part of the work a
    /// caller can do before its faces join a batch (<see cref="FaceBatcher"/>).
    /// </summary>
    internal byte[] Resize(SKBitmap image)
    {
        ArgumentNullException.ThrowIfNull(image);
        int side = encoder.ResizedSide(model.Manifest);
        var pixels = new byte[3 * side * side];
        ImageDecoder.ResizeInto(image, side, ResizeModeNames.Parse(model.Manifest.Resize), pixels);
        return pixels;
    }

    /// <summary>
    /// Classifies images already resized by <see cref="Resize"/>, in one pass of the network: the answers
    /// <see cref="ClassifyImages"/> gives for the original images. Not for concurrent use on one classifier.
    /// </summary>
    internal IReadOnlyList<ImagePrediction> ClassifyResized(IReadOnlyList<byte[]> images, IReadOnlyList<string> names, CancellationToken cancellationToken = default)
    {
        if (images.Count == 0)
        {
            return [];
        }

        float[][] probs;
        if (onnx is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            probs = onnx.Probabilities(images);
        }
        else
        {
            int per = images[0].Length;
            var flat = new byte[images.Count * per];
            for (int i = 0; i < images.Count; i++)
            {
                images[i].CopyTo(flat, i * per);
            }

            using var scope = TorchSharp.torch.NewDisposeScope();
            var inputs = encoder.EncodeResized(flat, images.Count, model.Manifest, cancellationToken);
            probs = Predictor.Probabilities(model.Network, inputs);
        }

        return probs.Select((p, i) => ToPrediction(names[i], p)).ToArray();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        onnx?.Dispose();
        (encoder as IDisposable)?.Dispose();
    }

    /// <summary>Files through ONNX Runtime: decoded and resized as the encoder would, then run in chunks of <see cref="OnnxFileChunk"/>.</summary>
    private ImagePrediction[] ClassifyFilesWithOnnx(IReadOnlyList<string> files, OnnxNetworkSession session)
    {
        var decoded = ResizedFiles.Decode(files, session.Side, ResizeModeNames.Parse(model.Manifest.Resize));
        var results = new ImagePrediction[files.Count];
        int[] readable = decoded.Readable();
        foreach (int[] chunk in readable.Chunk(OnnxFileChunk))
        {
            float[][] probs = session.Probabilities([.. chunk.Select(i => decoded.Pixels[i]!)]);
            for (int k = 0; k < chunk.Length; k++)
            {
                results[chunk[k]] = ToPrediction(files[chunk[k]], probs[k]);
            }
        }

        for (int i = 0; i < files.Count; i++)
        {
            results[i] ??= new ImagePrediction(files[i], null, new Dictionary<string, float>(), decoded.Errors[i], Unsure: false);
        }

        return results;
    }

    /// <summary>The answer for the network's probabilities: calibrated (prior correction, temperature), labelled with the top class, unsure below the threshold.</summary>
    private ImagePrediction ToPrediction(string path, float[] raw)
    {
        var classes = model.Manifest.Classes;
        float[] probs = Calibration.Apply(raw);
        int best = Predictor.ArgMax(probs); // the prior correction can change the top class; the temperature keeps the order
        var map = new Dictionary<string, float>();
        for (int c = 0; c < classes.Count; c++)
        {
            map[classes[c]] = probs[c];
        }

        return new ImagePrediction(path, classes[best], map, null, Calibration.IsUnsure(probs[best]));
    }
}
