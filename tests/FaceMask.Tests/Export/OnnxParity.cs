using System.Text.Json;
using FaceMask.Data;
using FaceMask.Inputs;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Training;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace FaceMask.Tests.Export;

/// <summary>Runs an exported ONNX file with ONNX Runtime and the original model with TorchSharp on the same image files.</summary>
internal static class OnnxParity
{
    /// <summary>Probability tolerance the export must meet.</summary>
    public const float Tolerance = 1e-4f;

    private const int Batch = 16;

    /// <summary>
    /// Exported probabilities for <paramref name="files"/>, fed as the file's metadata says: planar RGB 0–255, decoded
    /// and resized by the program's decoder (size and resize mode read from the ONNX metadata, not the manifest).
    /// </summary>
    public static float[][] RunOnnx(string onnxPath, IReadOnlyList<string> files, out IReadOnlyDictionary<string, string> metadata)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        using var session = new InferenceSession(onnxPath, options);
        metadata = new Dictionary<string, string>(session.ModelMetadata.CustomMetadataMap);
        int size = int.Parse(metadata["input_size"], System.Globalization.CultureInfo.InvariantCulture);
        ResizeMode resize = ResizeModeNames.Parse(metadata["resize"]);

        var input = Assert.Single(session.InputMetadata);
        Assert.Equal("image", input.Key);
        Assert.Equal([-1, 3, size, size], input.Value.Dimensions);
        Assert.Equal("N", input.Value.SymbolicDimensions[0]);
        var output = Assert.Single(session.OutputMetadata);
        Assert.Equal("probabilities", output.Key);

        var result = new List<float[]>();
        using var runOptions = new RunOptions();
        for (int start = 0; start < files.Count; start += Batch)
        {
            int count = Math.Min(Batch, files.Count - start);
            int per = 3 * size * size;
            var pixels = new float[count * per];
            for (int i = 0; i < count; i++)
            {
                byte[] chw = ImageDecoder.DecodeResized(files[start + i], size, resize);
                for (int k = 0; k < per; k++)
                {
                    pixels[(i * per) + k] = chw[k];
                }
            }

            using var value = OrtValue.CreateTensorValueFromMemory(pixels, [count, 3, size, size]);
            using var outputs = session.Run(runOptions, ["image"], [value], ["probabilities"]);
            ReadOnlySpan<float> probs = outputs[0].GetTensorDataAsSpan<float>();
            int classes = probs.Length / count;
            for (int i = 0; i < count; i++)
            {
                result.Add(probs.Slice(i * classes, classes).ToArray());
            }
        }

        return [.. result];
    }

    /// <summary>
    /// TorchSharp's probabilities for <paramref name="files"/>, the way <c>facemask predict</c> computes them before the
    /// temperature (which changes no label and is not exported): with the model's prior correction, if it has one.
    /// </summary>
    public static float[][] RunTorch(TrainedModel model, IReadOnlyList<string> files)
    {
        using var encoded = InputEncoders.For(model.Manifest.Arch).EncodeFiles(files, model.Manifest);
        Assert.All(encoded.Errors, Assert.Null);
        var calibration = FaceMask.Inference.CalibrationInEffect.For(model.Manifest);
        return [.. Predictor.Probabilities(model.Network, encoded.Inputs!).Select(calibration.Correct)];
    }

    /// <summary>
    /// Exports nothing itself: checks that <paramref name="onnxPath"/> (exported from <paramref name="model"/>) gives
    /// TorchSharp's probabilities within <see cref="Tolerance"/> and the same labels on every file, that its metadata
    /// names the model's classes, and returns the largest absolute difference seen.
    /// </summary>
    public static float AssertMatches(TrainedModel model, string onnxPath, IReadOnlyList<string> files)
    {
        float[][] expected = RunTorch(model, files);
        float[][] actual = RunOnnx(onnxPath, files, out var metadata);
        Assert.Equal(model.Manifest.Classes, JsonSerializer.Deserialize<string[]>(metadata["classes"]));
        Assert.Equal(model.Manifest.Arch, metadata["arch"]);
        Assert.Equal(expected.Length, actual.Length);
        float worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Length, actual[i].Length);
            Assert.True(Math.Abs(actual[i].Sum() - 1) < 1e-4, $"{files[i]}: ONNX probabilities sum to {actual[i].Sum()}");
            for (int c = 0; c < expected[i].Length; c++)
            {
                worst = Math.Max(worst, Math.Abs(expected[i][c] - actual[i][c]));
            }

            Assert.True(Predictor.ArgMax(expected[i]) == Predictor.ArgMax(actual[i]),
                $"{files[i]}: TorchSharp [{string.Join(", ", expected[i])}] vs ONNX [{string.Join(", ", actual[i])}]");
        }

        Assert.True(worst <= Tolerance, $"largest probability difference {worst:E2} over {expected.Length} images exceeds {Tolerance:E0}");
        return worst;
    }
}
