using FaceMask.Models;
using FaceMask.Onnx;
using Onnx;

namespace FaceMask.Export;

/// <summary>
/// The ONNX graph of a seed CNN (<see cref="SeedCnn"/>): <c>image</c> float [N,3,S,S] of raw 0–255 pixels →
/// Div 255, Sub mean, Div std (the manifest's normalisation, the same operations as training) → the network's
/// Conv/BatchNormalization/Relu/MaxPool layers → Flatten → Gemm → Softmax → <c>probabilities</c> [N, classes].
/// </summary>
internal static class SeedCnnOnnx
{
    /// <summary>ONNX IR version written.</summary>
    public const long IrVersion = 8;

    /// <summary>ai.onnx operator set imported.</summary>
    public const long Opset = 17;

    /// <summary>Builds the ONNX model of <paramref name="model"/>.</summary>
    public static ModelProto Build(TrainedModel model)
    {
        var manifest = model.Manifest;
        if (model.Network is not SeedCnn network)
        {
            throw new FaceMaskException($"ONNX export: a {manifest.Arch} model is not a seed CNN");
        }

        manifest.Normalization.Validate();
        network.eval();
        int size = manifest.InputSize;
        var graph = new OnnxGraphBuilder("facemask_" + manifest.Arch);
        string image = graph.AddInput(OnnxMetadata.InputName, TensorProto.Types.DataType.Float, [OnnxMetadata.BatchDimension, 3L, (long)size, (long)size]);
        string scale = graph.AddFloats("pixel_scale", [], [255f]);
        string mean = graph.AddFloats("normalization.mean", [1, 3, 1, 1], manifest.Normalization.Mean);
        string std = graph.AddFloats("normalization.std", [1, 3, 1, 1], manifest.Normalization.Std);
        string x = graph.AddNode("Div", "scaled", [image, scale]);
        x = graph.AddNode("Sub", "centered", [x, mean]);
        x = graph.AddNode("Div", "normalized", [x, std]);
        string logits = TorchLayerEmitter.Emit(graph, network.LayersInOrder(), x, rank: 4);
        graph.AddNode("Softmax", OnnxMetadata.OutputName, [logits], OnnxAttribute.Int("axis", 1));
        graph.AddOutput(OnnxMetadata.OutputName, TensorProto.Types.DataType.Float, [OnnxMetadata.BatchDimension, (long)manifest.Classes.Count]);

        var metadata = OnnxMetadata.Entries(manifest, OnnxMetadata.Describe(manifest.Normalization) + ", applied by the graph");
        graph.DocString = $"{manifest.Arch}: pixel normalisation, the seed CNN's layers (dropout is the identity at inference), softmax";
        return OnnxMetadata.Model(graph, manifest, metadata, IrVersion, Opset);
    }
}
