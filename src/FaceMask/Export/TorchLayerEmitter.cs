using FaceMask.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceMask.Export;

/// <summary>
/// Turns the layers of a TorchSharp network, in the order its forward pass applies them, into ONNX nodes with the weights as
/// initializers: Conv2d → Conv, BatchNorm2d → BatchNormalization (inference: running statistics), ReLU → Relu,
/// MaxPool2d → MaxPool, Dropout → nothing (identity at inference), Linear → Gemm (after a Flatten when its input
/// has more than two dimensions). The nodes are valid from opset 8 up.
/// </summary>
internal static class TorchLayerEmitter
{
    /// <summary>Emits <paramref name="layers"/> one after the other and returns the name of the last output.</summary>
    /// <param name="graph">The graph to add to.</param>
    /// <param name="layers">The network's layers in forward order, named as in its state dict.</param>
    /// <param name="input">Name of the value the first layer takes.</param>
    /// <param name="rank">Number of dimensions of <paramref name="input"/>.</param>
    /// <param name="prefix">Prefix of every name added (keeps names unique when several networks share a graph).</param>
    /// <exception cref="FaceMaskException">A layer or a layer setting has no ONNX translation here.</exception>
    public static string Emit(OnnxGraphBuilder graph, IEnumerable<(string Name, Module Module)> layers, string input, int rank, string prefix = "")
    {
        string current = input;
        using var noGrad = no_grad();
        foreach (var (name, module) in layers)
        {
            string id = prefix + name;
            switch (module)
            {
                case Conv2d conv:
                    current = Conv(graph, conv, id, current);
                    break;
                case BatchNorm2d norm:
                    current = graph.AddNode("BatchNormalization", id, [
                        current,
                        Parameter(graph, id + ".weight", norm.weight),
                        Parameter(graph, id + ".bias", norm.bias),
                        Parameter(graph, id + ".running_mean", norm.running_mean),
                        Parameter(graph, id + ".running_var", norm.running_var),
                    ], OnnxAttribute.Float("epsilon", (float)norm.eps));
                    break;
                case TorchSharp.Modules.ReLU:
                    current = graph.AddNode("Relu", id, [current]);
                    break;
                case MaxPool2d pool:
                    current = MaxPool(graph, pool, id, current);
                    break;
                case TorchSharp.Modules.Dropout:
                    break;
                case Linear linear:
                    if (rank > 2)
                    {
                        current = graph.AddNode("Flatten", id + ".flatten", [current], OnnxAttribute.Int("axis", 1));
                        rank = 2;
                    }

                    current = graph.AddNode("Gemm", id, [current, Parameter(graph, id + ".weight", linear.weight), Parameter(graph, id + ".bias", linear.bias)],
                        OnnxAttribute.Int("transB", 1));
                    break;
                default:
                    throw Unsupported(id, module.GetType().Name);
            }
        }

        return current;
    }

    private static string Conv(OnnxGraphBuilder graph, Conv2d conv, string id, string input)
    {
        long[] kernel = Pair(conv.kernel_size, id, "kernel size");
        long[] stride = Pair(conv.stride, id, "stride");
        long[] padding = Pair(conv.padding ?? [0, 0], id, "padding");
        long[] dilation = Pair(conv.dilation, id, "dilation");
        if (conv.groups != 1 || conv.padding_mode != TorchSharp.PaddingModes.Zeros || conv.padding_type is not null)
        {
            throw Unsupported(id, "Conv2d with groups, non-zero padding mode or named padding");
        }

        var inputs = new List<string> { input, Parameter(graph, id + ".weight", conv.weight) };
        if (conv.bias is { } bias)
        {
            inputs.Add(Parameter(graph, id + ".bias", bias));
        }

        return graph.AddNode("Conv", id, inputs,
            OnnxAttribute.Ints("kernel_shape", kernel),
            OnnxAttribute.Ints("strides", stride),
            OnnxAttribute.Ints("pads", padding[0], padding[1], padding[0], padding[1]),
            OnnxAttribute.Ints("dilations", dilation));
    }

    private static string MaxPool(OnnxGraphBuilder graph, MaxPool2d pool, string id, string input)
    {
        long[] kernel = Pair(pool.kernel_size, id, "kernel size");
        long[] stride = Pair(pool.stride ?? kernel, id, "stride");
        long[] padding = Pair(pool.padding ?? [0, 0], id, "padding");
        if (pool.ceil_mode || (pool.dilation is { } dilation && dilation.Any(d => d != 1)))
        {
            throw Unsupported(id, "MaxPool2d with ceil mode or dilation");
        }

        return graph.AddNode("MaxPool", id, [input],
            OnnxAttribute.Ints("kernel_shape", kernel),
            OnnxAttribute.Ints("strides", stride),
            OnnxAttribute.Ints("pads", padding[0], padding[1], padding[0], padding[1]));
    }

    /// <summary>Adds <paramref name="tensor"/> as a float initializer named <paramref name="name"/> and returns the name.</summary>
    public static string Parameter(OnnxGraphBuilder graph, string name, Tensor? tensor)
    {
        if (tensor is null)
        {
            throw new FaceMaskException($"ONNX export: {name} is missing");
        }

        using var scope = NewDisposeScope();
        var values = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous();
        return graph.AddFloats(name, values.shape, values.data<float>().ToArray());
    }

    private static long[] Pair(long[]? values, string id, string what) => values switch
    {
        [long a, long b] => [a, b],
        [long a] => [a, a],
        _ => throw Unsupported(id, $"{what} [{string.Join(", ", values ?? [])}]"),
    };

    private static FaceMaskException Unsupported(string id, string what) =>
        new($"ONNX export: layer '{id}' ({what}) has no ONNX translation in this exporter");
}
