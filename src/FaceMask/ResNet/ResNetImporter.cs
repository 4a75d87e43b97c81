using FaceMask.Onnx;
using Onnx;
using static TorchSharp.torch;

namespace FaceMask.ResNet;

/// <summary>
/// Builds a <see cref="ResNet18Network"/> from the backbone's two ONNX files by following the graph: the
/// preprocessing model must be Split → Concat (RGB → BGR) → Sub(mean image); the network must be a stem (Conv,
/// BatchNormalization, Relu, MaxPool) followed by residual blocks (each an Add of a Conv-BN-Relu-Conv-BN path and
/// either the block input or a Conv-BN shortcut, then Relu), ending in the average pool <see cref="ResNet18Backbone.NetworkOutput"/>.
/// Weights and batch-norm statistics are copied from the initializers each node names. Anything else is refused.
/// </summary>
public static class ResNetImporter
{
    /// <summary>The side the ONNX models take; the mean image is resized for other input sizes.</summary>
    public const int OnnxInputSize = ResNet18Backbone.InputSize;

    /// <summary>Builds the network with its ImageNet weights and a freshly initialised classifier.</summary>
    /// <param name="backbone">The located backbone files.</param>
    /// <param name="classes">Number of output classes.</param>
    /// <param name="inputSize">Input side; the mean image is resized (area average) when it is not 224.</param>
    /// <exception cref="FaceMaskException">A file is unreadable or its graph is not the expected ResNet.</exception>
    public static ResNet18Network Import(ResNet18Backbone backbone, int classes, int inputSize)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        if (inputSize < 32 || inputSize % 16 != 0)
        {
            throw new FaceMaskException($"--size {inputSize}: the fine-tuned ResNet18 takes a multiple of 16 px from 32 up (e.g. 112, 160, 224)");
        }

        var mean = MeanImage(OnnxModel.Read(backbone.PreprocessPath), inputSize);
        var onnx = OnnxModel.Read(backbone.NetworkPath);
        var consumers = onnx.Nodes.SelectMany(n => n.Input.Select(i => (Input: i, Node: n))).ToLookup(p => p.Input, p => p.Node);
        var producers = onnx.Nodes.SelectMany(n => n.Output.Select(o => (Output: o, Node: n))).ToDictionary(p => p.Output, p => p.Node);
        string Fail(string what) => throw new FaceMaskException($"{onnx.Path}: unexpected graph ({what})");
        NodeProto Next(string tensor, string op) =>
            consumers[tensor].FirstOrDefault(n => n.OpType == op) ?? throw new FaceMaskException($"{onnx.Path}: unexpected graph (no {op} after {tensor})");

        if (onnx.Inputs.Count != 1)
        {
            Fail($"{onnx.Inputs.Count} inputs");
        }

        var stemConv = Next(onnx.Inputs[0], "Conv");
        var stemBn = Next(stemConv.Output[0], "BatchNormalization");
        var stemRelu = Next(stemBn.Output[0], "Relu");
        var pool = Next(stemRelu.Output[0], "MaxPool");
        if (!pool.Ints("kernel_shape", []).SequenceEqual([3L, 3L]) || !pool.Ints("strides", []).SequenceEqual([2L, 2L]) || !pool.Ints("pads", []).SequenceEqual([1L, 1L, 0L, 0L]))
        {
            Fail($"{pool.Name}: only a 3×3 stride-2 max pool padded [1, 1, 0, 0] is supported");
        }

        var stem = ConvBn(onnx, stemConv, stemBn);
        var blocks = new List<ResNetBlock>();
        string current = pool.Output[0];
        foreach (var add in onnx.Nodes.Where(n => n.OpType == "Add"))
        {
            var paths = add.Input.Select(i => Trace(i, current, producers, Fail)).OrderByDescending(p => p.Count).ToArray();
            string[] main = paths[0].Select(n => n.OpType).ToArray();
            string[] skip = paths[1].Select(n => n.OpType).ToArray();
            if (!main.SequenceEqual(["Conv", "BatchNormalization", "Relu", "Conv", "BatchNormalization"]) ||
                !(skip.Length == 0 || skip.SequenceEqual(["Conv", "BatchNormalization"])))
            {
                Fail($"{add.Name}: paths [{string.Join(", ", main)}] and [{string.Join(", ", skip)}] are not a basic residual block");
            }

            blocks.Add(new ResNetBlock(
                ConvBn(onnx, paths[0][0], paths[0][1]),
                ConvBn(onnx, paths[0][3], paths[0][4]),
                skip.Length == 0 ? null : ConvBn(onnx, paths[1][0], paths[1][1])));
            current = Next(add.Output[0], "Relu").Output[0];
        }

        var avg = Next(current, "AveragePool");
        if (blocks.Count == 0 || avg.Output[0] != ResNet18Backbone.NetworkOutput)
        {
            Fail($"expected residual blocks ending in the average pool {ResNet18Backbone.NetworkOutput}");
        }

        return new ResNet18Network(mean, stem, blocks, classes);
    }

    // The nodes from the tensor `from` (exclusive) to `to` (inclusive), in forward order.
    private static List<NodeProto> Trace(string to, string from, Dictionary<string, NodeProto> producers, Func<string, string> fail)
    {
        var path = new List<NodeProto>();
        string tensor = to;
        while (tensor != from)
        {
            if (!producers.TryGetValue(tensor, out var node) || path.Count > 8)
            {
                fail($"{to} does not lead back to {from}");
                break;
            }

            path.Add(node);
            tensor = node.Input[0];
        }

        path.Reverse();
        return path;
    }

    private static ConvBatchNorm ConvBn(OnnxModel onnx, NodeProto conv, NodeProto bn)
    {
        var weight = onnx.Initializer(conv.Input[1]);
        long[] kernel = conv.Ints("kernel_shape", [weight.Dims[2], weight.Dims[3]]);
        long[] strides = conv.Ints("strides", [1, 1]);
        long[] pads = conv.Ints("pads", [0, 0, 0, 0]);
        if (conv.Input.Count != 2 || conv.Int("group", 1) != 1 || conv.Ints("dilations", [1, 1]).Any(d => d != 1) ||
            kernel[0] != kernel[1] || strides[0] != strides[1] || pads[0] != pads[1] || pads[2] != pads[3] || pads[2] > pads[0] ||
            bn.Input[0] != conv.Output[0] || bn.Int("spatial", 1) != 1)
        {
            throw new FaceMaskException($"{onnx.Path}: {conv.Name}/{bn.Name}: only square, bias-free, ungrouped convolutions padded at least as much at the start, followed by spatial batch norm, are supported");
        }

        var layer = new ConvBatchNorm(weight.Dims[1], weight.Dims[0], kernel[0], strides[0], pads[0], pads[2], bn.Float("epsilon", 1e-5f));
        using (no_grad())
        {
            Copy(layer.Conv.weight!, onnx, conv.Input[1]);
            Copy(layer.Norm.weight!, onnx, bn.Input[1]);
            Copy(layer.Norm.bias!, onnx, bn.Input[2]);
            Copy(layer.Norm.running_mean!, onnx, bn.Input[3]);
            Copy(layer.Norm.running_var!, onnx, bn.Input[4]);
        }

        return layer;
    }

    private static void Copy(Tensor target, OnnxModel onnx, string name)
    {
        long[] dims = [.. onnx.Initializer(name).Dims];
        if (!target.shape.SequenceEqual(dims))
        {
            throw new FaceMaskException($"initializer '{name}' has shape [{string.Join(", ", dims)}], expected [{string.Join(", ", target.shape)}]");
        }

        using var values = tensor(onnx.FloatValues(name), dims);
        target.copy_(values);
    }

    // The preprocessing graph must reorder RGB to BGR and subtract one mean image; returns it at the input size.
    private static Tensor MeanImage(OnnxModel onnx, int inputSize)
    {
        var split = onnx.Nodes.SingleOrDefault(n => n.OpType == "Split");
        var concat = onnx.Nodes.SingleOrDefault(n => n.OpType == "Concat");
        var sub = onnx.Nodes.SingleOrDefault(n => n.OpType == "Sub");
        if (onnx.Nodes.Count != 3 || split is null || concat is null || sub is null || split.Int("axis", 0) != 1 || concat.Int("axis", 0) != 1 ||
            !concat.Input.SequenceEqual(split.Output.Reverse()) || sub.Input[0] != concat.Output[0])
        {
            throw new FaceMaskException($"{onnx.Path}: unexpected preprocessing graph (expected Split, Concat in reverse channel order, Sub)");
        }

        long[] dims = [.. onnx.Initializer(sub.Input[1]).Dims];
        if (!dims.SequenceEqual([1L, 3L, OnnxInputSize, OnnxInputSize]))
        {
            throw new FaceMaskException($"{onnx.Path}: mean image of shape [{string.Join(", ", dims)}], expected [1, 3, {OnnxInputSize}, {OnnxInputSize}]");
        }

        var mean = tensor(onnx.FloatValues(sub.Input[1]), dims);
        if (inputSize == OnnxInputSize)
        {
            return mean;
        }

        using (mean)
        {
            return nn.functional.adaptive_avg_pool2d(mean, [inputSize, inputSize]);
        }
    }
}
