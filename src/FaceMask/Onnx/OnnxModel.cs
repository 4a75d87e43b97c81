namespace FaceMask.Onnx;

/// <summary>
/// What <see cref="OnnxReader"/> reads from an ONNX file: the producer, the graph's nodes in file order (ONNX
/// requires topological order), its float initializers by name, and the names of its inputs and outputs.
/// </summary>
public sealed class OnnxModel
{
    /// <summary>Creates a model description.</summary>
    public OnnxModel(
        string path,
        long irVersion,
        string producer,
        IReadOnlyList<OnnxNode> nodes,
        IReadOnlyDictionary<string, OnnxTensor> initializers,
        IReadOnlyList<string> inputs,
        IReadOnlyList<string> outputs)
    {
        Path = path;
        IrVersion = irVersion;
        Producer = producer;
        Nodes = nodes;
        Initializers = initializers;
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    /// <summary>ONNX IR version.</summary>
    public long IrVersion { get; }

    /// <summary>Producer name and version (e.g. "CNTK 2.6").</summary>
    public string Producer { get; }

    /// <summary>Graph nodes in file order.</summary>
    public IReadOnlyList<OnnxNode> Nodes { get; }

    /// <summary>Float initializers (weights) by name.</summary>
    public IReadOnlyDictionary<string, OnnxTensor> Initializers { get; }

    /// <summary>Graph input names (initializers listed as inputs by old exporters are left out).</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>Graph output names.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>An initializer by name.</summary>
    /// <exception cref="FaceMaskException">The graph has no such initializer.</exception>
    public OnnxTensor Initializer(string name) => Initializers.TryGetValue(name, out var t)
        ? t
        : throw new FaceMaskException($"{Path}: the graph has no initializer '{name}'");

    /// <summary>The node that writes tensor <paramref name="output"/>, or null for graph inputs and initializers.</summary>
    public OnnxNode? Producing(string output) => Nodes.FirstOrDefault(n => n.Outputs.Contains(output));
}
