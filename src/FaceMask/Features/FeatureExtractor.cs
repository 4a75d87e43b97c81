using FaceMask.ResNet;
using Microsoft.ML.OnnxRuntime;

namespace FaceMask.Features;

/// <summary>
/// One pair of ONNX Runtime sessions (preprocessing, then ResNet18) with pre-allocated, pinned input and output
/// buffers. Not thread-safe: each worker thread owns one.
/// </summary>
internal sealed class FeatureExtractor : IDisposable
{
    /// <summary>Floats per image: the image's features, then its horizontal mirror's.</summary>
    internal const int PairLength = 2 * ResNet18Backbone.FeatureLength;

    private const int Side = ResNet18Backbone.InputSize;
    private const int Plane = Side * Side;

    private readonly InferenceSession preprocess;
    private readonly InferenceSession network;
    private readonly RunOptions runOptions = new();
    private readonly float[] input = new float[3 * Plane];
    private readonly float[] prepared;
    private readonly float[] features = new float[ResNet18Backbone.FeatureLength];
    private readonly OrtValue inputValue;
    private readonly OrtValue preparedValue;
    private readonly OrtValue featuresValue;
    private readonly OrtValue[] preprocessIn;
    private readonly OrtValue[] preprocessOut;
    private readonly OrtValue[] networkOut;
    private readonly string[] preprocessInputs = [ResNet18Backbone.PreprocessInput];
    private readonly string[] preprocessOutputs = [ResNet18Backbone.PreprocessOutput];
    private readonly string[] networkInputs = [ResNet18Backbone.NetworkInput];
    private readonly string[] networkOutputs = [ResNet18Backbone.NetworkOutput];

    internal FeatureExtractor(ResNet18Backbone backbone, int intraOpThreads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intraOpThreads, 1);
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };

        // Idle pool threads sleep instead of spinning: the machine is shared and libtorch runs next.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
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
            long[] inputShape = Check(preprocess, backbone.PreprocessPath, ResNet18Backbone.PreprocessInput, ResNet18Backbone.PreprocessOutput, 3 * Plane, out long[] preparedShape);
            long[] networkInputShape = Check(network, backbone.NetworkPath, ResNet18Backbone.NetworkInput, ResNet18Backbone.NetworkOutput, preparedShape.Aggregate(1L, (a, b) => a * b), out long[] featureShape);
            if (featureShape.Aggregate(1L, (a, b) => a * b) != ResNet18Backbone.FeatureLength)
            {
                throw new FaceMaskException($"{backbone.NetworkPath}: output {ResNet18Backbone.NetworkOutput} has shape [{string.Join(", ", featureShape)}], expected {ResNet18Backbone.FeatureLength} values");
            }

            prepared = new float[preparedShape.Aggregate(1L, (a, b) => a * b)];
            inputValue = OrtValue.CreateTensorValueFromMemory(input, inputShape);
            preparedValue = OrtValue.CreateTensorValueFromMemory(prepared, networkInputShape);
            featuresValue = OrtValue.CreateTensorValueFromMemory(features, featureShape);
            preprocessIn = [inputValue];
            preprocessOut = [preparedValue];
            networkOut = [featuresValue];
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes the features of an image (planar CHW RGB uint8, 3×224×224) and of its horizontal mirror into
    /// <paramref name="destination"/> (<see cref="PairLength"/> floats: image first).
    /// </summary>
    internal void ExtractPair(ReadOnlySpan<byte> chw, Span<float> destination)
    {
        if (chw.Length != 3 * Plane || destination.Length != PairLength)
        {
            throw new ArgumentException("expected a 3×224×224 image and room for two feature vectors");
        }

        for (int i = 0; i < input.Length; i++)
        {
            input[i] = chw[i];
        }

        Run(destination[..ResNet18Backbone.FeatureLength]);
        for (int row = 0; row < 3 * Side; row++)
        {
            ReadOnlySpan<byte> source = chw.Slice(row * Side, Side);
            Span<float> target = input.AsSpan(row * Side, Side);
            for (int x = 0; x < Side; x++)
            {
                target[x] = source[Side - 1 - x];
            }
        }

        Run(destination[ResNet18Backbone.FeatureLength..]);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        inputValue?.Dispose();
        preparedValue?.Dispose();
        featuresValue?.Dispose();
        runOptions.Dispose();
        network?.Dispose();
        preprocess?.Dispose();
    }

    private void Run(Span<float> destination)
    {
        preprocess.Run(runOptions, preprocessInputs, preprocessIn, preprocessOutputs, preprocessOut);
        network.Run(runOptions, networkInputs, preprocessOut, networkOutputs, networkOut);
        features.CopyTo(destination);
    }

    private static InferenceSession Open(string path, SessionOptions options)
    {
        try
        {
            return new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new FaceMaskException($"{path}: cannot load the ONNX model ({ex.Message})", ex);
        }
    }

    /// <summary>Checks that a session has the expected input and output, and returns their shapes (batch fixed at 1).</summary>
    private static long[] Check(InferenceSession session, string path, string inputName, string outputName, long inputLength, out long[] outputShape)
    {
        if (!session.InputMetadata.TryGetValue(inputName, out NodeMetadata? inputMeta) ||
            !session.OutputMetadata.TryGetValue(outputName, out NodeMetadata? outputMeta))
        {
            throw new FaceMaskException(
                $"{path}: not the expected model (inputs [{string.Join(", ", session.InputMetadata.Keys)}], outputs [{string.Join(", ", session.OutputMetadata.Keys)}]; " +
                $"expected input {inputName} and output {outputName})");
        }

        long[] inputShape = inputMeta.Dimensions.Select(d => d < 0 ? 1L : d).ToArray();
        outputShape = outputMeta.Dimensions.Select(d => d < 0 ? 1L : d).ToArray();
        if (inputMeta.ElementType != typeof(float) || outputMeta.ElementType != typeof(float) || inputShape.Aggregate(1L, (a, b) => a * b) != inputLength)
        {
            throw new FaceMaskException(
                $"{path}: input {inputName} is {inputMeta.ElementType.Name}[{string.Join(", ", inputMeta.Dimensions)}], expected float with {inputLength} values");
        }

        return inputShape;
    }
}
