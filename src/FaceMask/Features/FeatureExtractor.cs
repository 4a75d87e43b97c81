using FaceMask.Onnx;
using FaceMask.ResNet;
using Microsoft.ML.OnnxRuntime;

namespace FaceMask.Features;

/// <summary>
/// One pair of ONNX Runtime sessions (preprocessing, then ResNet18) that extracts the features of a batch of images and
/// of their horizontal mirrors in one run of each model. The NuGet models fix the batch size at 1; they are loaded
/// with a symbolic batch dimension instead (<see cref="OnnxBatchDimension"/>). Buffers grow to the largest batch
/// run so far. Not thread-safe: each worker thread owns one.
/// </summary>
internal sealed class FeatureExtractor : IDisposable
{
    /// <summary>Floats per image: the image's features, then its horizontal mirror's.</summary>
    internal const int PairLength = 2 * ResNet18Backbone.FeatureLength;

    /// <summary>Bytes per image: planar RGB, 3×224×224.</summary>
    internal const int ImageLength = 3 * Plane;

    /// <summary>
    /// Images per run when the caller does not say (each run holds them and their mirrors, twice as many). Chosen by
    /// measurement: bench/results/extraction.json, docs/benchmarks.md.
    /// </summary>
    internal const int DefaultBatchSize = 8;

    private const int Side = ResNet18Backbone.InputSize;
    private const int Plane = Side * Side;

    private readonly InferenceSession preprocess;
    private readonly InferenceSession network;
    private readonly RunOptions runOptions = new();
    private readonly string[] preprocessInputs = [ResNet18Backbone.PreprocessInput];
    private readonly string[] preprocessOutputs = [ResNet18Backbone.PreprocessOutput];
    private readonly string[] networkInputs = [ResNet18Backbone.NetworkInput];
    private readonly string[] networkOutputs = [ResNet18Backbone.NetworkOutput];
    private readonly long[] preparedShape;
    private readonly long[] featureShape;
    private readonly int preparedLength;
    private float[] input = [];
    private float[] prepared = [];
    private float[] features = [];

    /// <summary>Opens the sessions.</summary>
    /// <param name="backbone">The backbone's files.</param>
    /// <param name="intraOpThreads">ONNX Runtime intra-op threads of each session.</param>
    /// <param name="batchSize">Most images a run takes (their mirrors come on top); longer spans are run in pieces.</param>
    /// <exception cref="FaceMaskException">A file cannot be loaded or is not the expected model; the message names it.</exception>
    internal FeatureExtractor(ResNet18Backbone backbone, int intraOpThreads, int batchSize = DefaultBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intraOpThreads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        BatchSize = batchSize;
        using SessionOptions options = Runtime.OnnxSessionSettings.Create(intraOpThreads);
        preprocess = Open(backbone.PreprocessPath, options);
        try
        {
            network = Open(backbone.NetworkPath, options);
        }
        catch
        {
            preprocess.Dispose();
            throw;
        }

        try
        {
            Check(preprocess, backbone.PreprocessPath, ResNet18Backbone.PreprocessInput, ResNet18Backbone.PreprocessOutput, ImageLength, out preparedShape);
            preparedLength = checked((int)PerImage(preparedShape));
            Check(network, backbone.NetworkPath, ResNet18Backbone.NetworkInput, ResNet18Backbone.NetworkOutput, preparedLength, out featureShape);
            if (PerImage(featureShape) != ResNet18Backbone.FeatureLength)
            {
                throw new FaceMaskException($"{backbone.NetworkPath}: output {ResNet18Backbone.NetworkOutput} has shape [{string.Join(", ", featureShape)}], expected {ResNet18Backbone.FeatureLength} values an image");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Most images a run takes.</summary>
    internal int BatchSize { get; }

    /// <summary>
    /// Writes the features of an image (planar CHW RGB uint8, 3×224×224) and of its horizontal mirror into
    /// <paramref name="destination"/> (<see cref="PairLength"/> floats: image first).
    /// </summary>
    internal void ExtractPair(ReadOnlySpan<byte> chw, Span<float> destination) => ExtractPairs(chw, destination);

    /// <summary>
    /// Writes, for each image in <paramref name="images"/> (consecutive 3×224×224 planar RGB images), its features and
    /// its mirror's into <paramref name="destination"/> (<see cref="PairLength"/> floats an image, in order), running
    /// up to <see cref="BatchSize"/> images and their mirrors at a time.
    /// </summary>
    internal void ExtractPairs(ReadOnlySpan<byte> images, Span<float> destination)
    {
        int count = images.Length / ImageLength;
        if (count == 0 || images.Length != count * ImageLength || destination.Length != count * PairLength)
        {
            throw new ArgumentException("expected whole 3×224×224 images and room for two feature vectors each");
        }

        for (int start = 0; start < count; start += BatchSize)
        {
            int n = Math.Min(BatchSize, count - start);
            Run(images.Slice(start * ImageLength, n * ImageLength), n, destination.Slice(start * PairLength, n * PairLength));
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        runOptions.Dispose();
        network?.Dispose();
        preprocess?.Dispose();
    }

    /// <summary>One run of 2<paramref name="n"/> images: rows 0 … n − 1 the images, rows n … 2n − 1 their mirrors.</summary>
    private void Run(ReadOnlySpan<byte> images, int n, Span<float> destination)
    {
        int rows = 2 * n;
        if (input.Length < rows * ImageLength)
        {
            input = new float[rows * ImageLength];
            prepared = new float[rows * preparedLength];
            features = new float[rows * ResNet18Backbone.FeatureLength];
        }

        Span<float> originals = input.AsSpan(0, n * ImageLength);
        for (int i = 0; i < originals.Length; i++)
        {
            originals[i] = images[i];
        }

        Span<float> mirrors = input.AsSpan(n * ImageLength, n * ImageLength);
        for (int row = 0; row < 3 * Side * n; row++)
        {
            ReadOnlySpan<byte> source = images.Slice(row * Side, Side);
            Span<float> target = mirrors.Slice(row * Side, Side);
            for (int x = 0; x < Side; x++)
            {
                target[x] = source[Side - 1 - x];
            }
        }

        using (OrtValue inputValue = Tensor(input, rows * ImageLength, [rows, 3, Side, Side]))
        using (OrtValue preparedValue = Tensor(prepared, rows * preparedLength, WithBatch(preparedShape, rows)))
        using (OrtValue featuresValue = Tensor(features, rows * ResNet18Backbone.FeatureLength, WithBatch(featureShape, rows)))
        {
            preprocess.Run(runOptions, preprocessInputs, [inputValue], preprocessOutputs, [preparedValue]);
            network.Run(runOptions, networkInputs, [preparedValue], networkOutputs, [featuresValue]);
        }

        const int F = ResNet18Backbone.FeatureLength;
        for (int i = 0; i < n; i++)
        {
            features.AsSpan(i * F, F).CopyTo(destination.Slice(i * PairLength, F));
            features.AsSpan((n + i) * F, F).CopyTo(destination.Slice((i * PairLength) + F, F));
        }
    }

    private static OrtValue Tensor(float[] buffer, int length, long[] shape) =>
        OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, length), shape);

    private static long[] WithBatch(long[] shape, int rows)
    {
        long[] result = (long[])shape.Clone();
        result[0] = rows;
        return result;
    }

    /// <summary>Values an image of a shape whose leading dimension is the batch.</summary>
    private static long PerImage(long[] shape) => shape.Skip(1).Aggregate(1L, (a, b) => a * b);

    private static InferenceSession Open(string path, SessionOptions options)
    {
        byte[] model;
        try
        {
            model = OnnxBatchDimension.Symbolic(path);
        }
        catch (FaceMaskException ex)
        {
            throw new FaceMaskException($"{path}: cannot load the ONNX model ({ex.Message})", ex);
        }

        try
        {
            return new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new FaceMaskException($"{path}: cannot load the ONNX model ({ex.Message})", ex);
        }
    }

    /// <summary>
    /// Checks that a session has the expected input and output, with a symbolic leading (batch) dimension and
    /// <paramref name="inputLength"/> values an image, and returns the output's shape (batch dimension 1).
    /// </summary>
    private static void Check(InferenceSession session, string path, string inputName, string outputName, long inputLength, out long[] outputShape)
    {
        if (!session.InputMetadata.TryGetValue(inputName, out NodeMetadata? inputMeta) ||
            !session.OutputMetadata.TryGetValue(outputName, out NodeMetadata? outputMeta))
        {
            throw new FaceMaskException(
                $"{path}: not the expected model (inputs [{string.Join(", ", session.InputMetadata.Keys)}], outputs [{string.Join(", ", session.OutputMetadata.Keys)}]; " +
                $"expected input {inputName} and output {outputName})");
        }

        long[] inputShape = inputMeta.Dimensions.Select(d => (long)d).ToArray();
        outputShape = outputMeta.Dimensions.Select(d => d < 0 ? 1L : d).ToArray();
        if (inputMeta.ElementType != typeof(float) || outputMeta.ElementType != typeof(float) || inputShape.Length == 0 || inputShape[0] >= 0 ||
            outputShape.Length == 0 || outputMeta.Dimensions[0] >= 0 || inputShape.Skip(1).Any(d => d < 0) || PerImage(inputShape) != inputLength)
        {
            throw new FaceMaskException(
                $"{path}: input {inputName} is {inputMeta.ElementType.Name}[{string.Join(", ", inputMeta.Dimensions)}] and output {outputName} " +
                $"[{string.Join(", ", outputMeta.Dimensions)}], expected float with a batch dimension and {inputLength} values an image");
        }
    }
}
