using FaceMask.Models;
using FaceMask.Onnx;
using FaceMask.ResNet;
using Onnx;

namespace FaceMask.Export;

/// <summary>
/// One ONNX graph for a resnet18 model: <c>image</c> float [N,3,224,224] of raw 0–255 pixels, concatenated along the
/// batch with its left–right mirror (Gather with reversed indices) → the nodes and initializers of
/// <c>ResNetPreprocess.onnx</c> and <c>ResNet18.onnx</c>, copied whole (names renamed only where they clash)
/// and joined output to input → the trained head (Flatten, Gemm, Relu, Gemm) → Softmax → the mean of each image's
/// two probability rows (Reshape [2, N, classes], ReduceMean) → <c>probabilities</c> [N, classes]. This is what
/// prediction does: the head averages the class probabilities of the image and its mirror.
/// </summary>
/// <remarks>
/// The backbone files declare a batch of 1 but contain no operator that depends on it, so the copied graph takes any
/// batch. Their operator set (8) is kept for the whole graph: the added nodes mean the same from opset 7 to 17.
/// </remarks>
internal static class ResNet18Onnx
{
    /// <summary>ONNX IR version written.</summary>
    public const long IrVersion = 8;

    private const long MinOpset = 7;
    private const long MaxOpset = 17;

    /// <summary>Builds the ONNX model of <paramref name="model"/>, reading the backbone from <paramref name="backboneDirectory"/> (null: the application's).</summary>
    public static ModelProto Build(TrainedModel model, string? backboneDirectory)
    {
        var manifest = model.Manifest;
        if (model.Network is not FeatureHead head)
        {
            throw new FaceMaskException($"ONNX export: a {manifest.Arch} model's network is not a feature head");
        }

        var backbone = ResNet18Backbone.Locate(backboneDirectory);
        (manifest.Backbone ?? throw new FaceMaskException("ONNX export: the model's manifest has no backbone section")).EnsureMatches(backbone, "the model");
        var preprocess = OnnxModel.Read(backbone.PreprocessPath);
        var network = OnnxModel.Read(backbone.NetworkPath);
        long opset = Opset(preprocess, network);
        head.eval();

        int side = ResNet18Backbone.InputSize;
        int classes = manifest.Classes.Count;
        var graph = new OnnxGraphBuilder("facemask_" + manifest.Arch);
        string image = graph.AddInput(OnnxMetadata.InputName, TensorProto.Types.DataType.Float, [OnnxMetadata.BatchDimension, 3L, (long)side, (long)side]);
        long[] reversed = Enumerable.Range(0, side).Select(i => (long)(side - 1 - i)).ToArray();
        string indices = graph.AddInitializer(OnnxTensor.Int64s("mirror_indices", [side], reversed));
        string mirrored = graph.AddNode("Gather", "image_mirrored", [image, indices], OnnxAttribute.Int("axis", 3));
        string views = graph.AddNode("Concat", "views", [image, mirrored], OnnxAttribute.Int("axis", 0));

        string prepared = OnnxGraphCopier.Copy(graph, preprocess, ResNet18Backbone.PreprocessInput, views, ResNet18Backbone.PreprocessOutput, "preprocess/");
        string features = OnnxGraphCopier.Copy(graph, network, ResNet18Backbone.NetworkInput, prepared, ResNet18Backbone.NetworkOutput, "resnet18/");

        string logits = TorchLayerEmitter.Emit(graph, head.LayersInOrder(), features, rank: 4, prefix: "head.");
        string perView = graph.AddNode("Softmax", "view_probabilities", [logits], OnnxAttribute.Int("axis", 1));
        string shape = graph.AddInitializer(OnnxTensor.Int64s("view_shape", [3], [2, -1, classes]));
        string byView = graph.AddNode("Reshape", "view_probabilities_by_view", [perView, shape]);
        graph.AddNode("ReduceMean", OnnxMetadata.OutputName, [byView], OnnxAttribute.Ints("axes", 0), OnnxAttribute.Int("keepdims", 0));
        graph.AddOutput(OnnxMetadata.OutputName, TensorProto.Types.DataType.Float, [OnnxMetadata.BatchDimension, (long)classes]);

        var metadata = OnnxMetadata.Entries(
            manifest,
            $"done by the graph: the copied {ResNet18Backbone.PreprocessFile} reorders RGB to BGR and subtracts its stored mean image",
            ("head", head.Kind),
            ("backbone", $"{ResNet18Backbone.Name}: {ResNet18Backbone.PreprocessFile} and {ResNet18Backbone.NetworkFile} from {ResNet18Backbone.Source}, copied into this graph"),
            ("test_time_augmentation", "probabilities are the mean of the image's and its left-right mirror's, as facemask predict does"));
        graph.DocString = $"{manifest.Arch}: mirror, backbone (preprocess + ResNet18 global pooling) on image and mirror, {head.Kind} head, softmax, mean over the two views";
        return OnnxMetadata.Model(graph, manifest, metadata, Math.Max(IrVersion, Math.Max(preprocess.Proto.IrVersion, network.Proto.IrVersion)), opset);
    }

    private static long Opset(OnnxModel preprocess, OnnxModel network)
    {
        var all = preprocess.Proto.OpsetImport.Concat(network.Proto.OpsetImport).ToList();
        var custom = all.Where(o => o.Domain.Length != 0 && o.Domain != "ai.onnx").Select(o => o.Domain).Distinct().ToList();
        if (custom.Count > 0)
        {
            throw new FaceMaskException($"{network.Path}: the backbone imports operator sets [{string.Join(", ", custom)}]; only the standard one can be merged");
        }

        long opset = all.Select(o => o.Version).DefaultIfEmpty(0).Max();
        if (opset is < MinOpset or > MaxOpset)
        {
            throw new FaceMaskException($"{network.Path}: the backbone uses ONNX opset {opset}; the merged graph is written for opsets {MinOpset} to {MaxOpset}");
        }

        return opset;
    }
}
