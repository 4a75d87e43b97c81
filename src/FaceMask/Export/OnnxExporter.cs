using FaceMask.IO;
using FaceMask.Models;
using Google.Protobuf;
using Onnx;

namespace FaceMask.Export;

/// <summary>
/// Writes a trained model as one ONNX file that ONNX Runtime runs without this program: input <c>image</c>, float
/// [N,3,S,S] raw planar RGB pixels (0–255) resized as the model's manifest says; output <c>probabilities</c>, float
/// [N, classes]. The class names, input size, resize mode and normalisation are in the file's metadata. The seed
/// CNNs become an opset-17 graph built from their weights; a resnet18 model becomes the backbone's two ONNX graphs
/// joined, followed by its head, averaging image and mirror as prediction does; a resnet18-ft model becomes its
/// fine-tuned network's own layers.
/// </summary>
public static class OnnxExporter
{
    /// <summary>The architectures that can be exported.</summary>
    public static IReadOnlyList<string> Supported { get; } =
        [ModelArchitectures.Seed5, ModelArchitectures.Seed4, ModelArchitectures.ResNet18, ModelArchitectures.ResNet18FineTuned];

    /// <summary>Loads the model folder <paramref name="modelDirectory"/> and exports it to <paramref name="onnxPath"/>.</summary>
    /// <param name="modelDirectory">A model folder (holds model.json).</param>
    /// <param name="onnxPath">The ONNX file to write.</param>
    /// <param name="overwrite">Replace an existing file.</param>
    /// <param name="backboneDirectory">For resnet18: the folder of the backbone's ONNX files; null uses the application's.</param>
    /// <exception cref="FaceMaskException">The file exists (without <paramref name="overwrite"/>), the model cannot be loaded, or its architecture cannot be exported.</exception>
    public static OnnxExportResult Export(string modelDirectory, string onnxPath, bool overwrite = false, string? backboneDirectory = null)
    {
        EnsureWritable(onnxPath, overwrite);
        using var model = ModelStore.Load(modelDirectory);
        return Export(model, onnxPath, overwrite, backboneDirectory);
    }

    /// <summary>Exports a loaded model to <paramref name="onnxPath"/>, written atomically.</summary>
    /// <param name="model">The model (its manifest says what the input is).</param>
    /// <param name="onnxPath">The ONNX file to write.</param>
    /// <param name="overwrite">Replace an existing file.</param>
    /// <param name="backboneDirectory">For resnet18: the folder of the backbone's ONNX files; null uses the application's.</param>
    /// <exception cref="FaceMaskException">The file exists (without <paramref name="overwrite"/>) or the architecture cannot be exported.</exception>
    public static OnnxExportResult Export(TrainedModel model, string onnxPath, bool overwrite = false, string? backboneDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(onnxPath);
        EnsureWritable(onnxPath, overwrite);
        var manifest = model.Manifest;
        ModelProto onnx = NetworkGraph(model, backboneDirectory);
        PriorCorrectionOnnx.Append(onnx, Inference.CalibrationInEffect.For(manifest));
        AtomicFile.Write(onnxPath, stream => onnx.WriteTo(stream));
        return new OnnxExportResult(Path.GetFullPath(onnxPath), manifest.Arch, manifest.Classes, OnnxMetadata.InputDescription(manifest), new FileInfo(onnxPath).Length);
    }

    /// <summary>
    /// The graph of <paramref name="model"/>'s network alone: raw pixels in, the network's own probabilities out (no prior
    /// correction, no temperature). What <see cref="Export(TrainedModel, string, bool, string?)"/> writes before it
    /// appends the correction, and what <see cref="Inference.InferenceEngine.OnnxRuntime"/> runs.
    /// </summary>
    /// <exception cref="FaceMaskException">The architecture cannot be exported, or a resnet18 model's backbone files are missing or differ.</exception>
    internal static ModelProto NetworkGraph(TrainedModel model, string? backboneDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Manifest.Arch switch
        {
            ModelArchitectures.Seed5 or ModelArchitectures.Seed4 => SeedCnnOnnx.Build(model),
            ModelArchitectures.ResNet18 => ResNet18Onnx.Build(model, backboneDirectory),
            ModelArchitectures.ResNet18FineTuned => FineTunedResNetOnnx.Build(model),
            _ => throw new FaceMaskException(
                $"ONNX export: architecture '{model.Manifest.Arch}' cannot be exported (supported: {string.Join(", ", Supported)})"),
        };
    }

    private static void EnsureWritable(string onnxPath, bool overwrite)
    {
        if (Directory.Exists(onnxPath))
        {
            throw new FaceMaskException($"{onnxPath}: is a folder; give the ONNX file's name (e.g. model.onnx)");
        }

        if (File.Exists(onnxPath) && !overwrite)
        {
            throw new FaceMaskException($"{onnxPath}: the file already exists; pass --overwrite to replace it");
        }
    }
}
