using FaceMask.Models;
using FaceMask.Onnx;
using FaceMask.ResNet;
using Onnx;

namespace FaceMask.Export;

/// <summary>
/// The ONNX graph of a resnet18-ft model, built from its fine-tuned TorchSharp network: <c>image</c> float [N,3,S,S]
/// of raw 0–255 pixels → RGB to BGR (Gather) minus the backbone's mean image (Sub) → stem (Conv,
/// BatchNormalization, Relu, MaxPool) → the residual blocks (Conv, BatchNormalization, Relu, shortcut, Add, Relu) →
/// GlobalAveragePool → Flatten → Gemm → Softmax → <c>probabilities</c> [N, classes]. Every weight, frozen or
/// fine-tuned, comes from the model folder, so the file needs nothing else.
/// </summary>
internal static class FineTunedResNetOnnx
{
    /// <summary>ONNX IR version written.</summary>
    public const long IrVersion = 8;

    /// <summary>ai.onnx operator set imported.</summary>
    public const long Opset = 17;

    private static readonly long[] BgrOrder = [2, 1, 0];

    /// <summary>Builds the ONNX model of <paramref name="model"/>.</summary>
    public static ModelProto Build(TrainedModel model)
    {
        var manifest = model.Manifest;
        if (model.Network is not ResNet18Network network)
        {
            throw new FaceMaskException($"ONNX export: a {manifest.Arch} model's network is not a fine-tuned ResNet18");
        }

        network.eval();
        int side = manifest.InputSize;
        if (network.InputSize != side)
        {
            throw new FaceMaskException($"ONNX export: the model's manifest says {side} px but its network was built for {network.InputSize} px");
        }

        int classes = manifest.Classes.Count;
        var graph = new OnnxGraphBuilder("facemask_" + manifest.Arch);
        string image = graph.AddInput(OnnxMetadata.InputName, TensorProto.Types.DataType.Float, [OnnxMetadata.BatchDimension, 3L, (long)side, (long)side]);
        string order = graph.AddInitializer(OnnxTensor.Int64s("bgr_order", [3], BgrOrder));
        string x = graph.AddNode("Gather", "bgr", [image, order], OnnxAttribute.Int("axis", 1));
        x = graph.AddNode("Sub", "centered", [x, TorchLayerEmitter.Parameter(graph, "mean_image", network.MeanImage)]);

        x = ConvBatchNorm(graph, network.Stem, "stem", x);
        x = graph.AddNode("Relu", "stem.relu", [x]);
        x = graph.AddNode("MaxPool", "stem.pool", [x],
            OnnxAttribute.Ints("kernel_shape", ResNet18Network.StemPoolKernel, ResNet18Network.StemPoolKernel),
            OnnxAttribute.Ints("strides", ResNet18Network.StemPoolStride, ResNet18Network.StemPoolStride),
            OnnxAttribute.Ints("pads", Enumerable.Repeat((long)ResNet18Network.StemPoolPadding, 4).ToArray()));

        var blocks = network.Blocks;
        for (int i = 0; i < blocks.Count; i++)
        {
            x = Block(graph, blocks[i], $"blocks.{i}", x);
        }

        x = graph.AddNode("GlobalAveragePool", "pool", [x]);
        string logits = TorchLayerEmitter.Emit(graph, [("classifier", network.Classifier)], x, rank: 4);
        graph.AddNode("Softmax", OnnxMetadata.OutputName, [logits], OnnxAttribute.Int("axis", 1));
        graph.AddOutput(OnnxMetadata.OutputName, TensorProto.Types.DataType.Float, [OnnxMetadata.BatchDimension, (long)classes]);

        var metadata = OnnxMetadata.Entries(
            manifest,
            "done by the graph: RGB reordered to BGR, minus the backbone's stored mean image",
            ("tune", manifest.Tune ?? string.Empty),
            ("backbone", $"{ResNet18Backbone.Name} from {ResNet18Backbone.Source}, fine-tuned; every weight is in this file"));
        graph.DocString = $"{manifest.Arch}: BGR minus mean image, fine-tuned ResNet18 ({blocks.Count} blocks), linear classifier, softmax";
        return OnnxMetadata.Model(graph, manifest, metadata, IrVersion, Opset);
    }

    private static string Block(OnnxGraphBuilder graph, ResNetBlock block, string id, string input)
    {
        string hidden = ConvBatchNorm(graph, block.First, id + ".first", input);
        hidden = graph.AddNode("Relu", id + ".first.relu", [hidden]);
        string main = ConvBatchNorm(graph, block.Second, id + ".second", hidden);
        string skip = block.Shortcut is { } shortcut ? ConvBatchNorm(graph, shortcut, id + ".shortcut", input) : input;
        string sum = graph.AddNode("Add", id + ".add", [main, skip]);
        return graph.AddNode("Relu", id + ".relu", [sum]);
    }

    private static string ConvBatchNorm(OnnxGraphBuilder graph, ResNet.ConvBatchNorm pair, string id, string input) =>
        TorchLayerEmitter.Emit(graph, [(id + ".conv", pair.Conv), (id + ".bn", pair.Norm)], input, rank: 4);
}
