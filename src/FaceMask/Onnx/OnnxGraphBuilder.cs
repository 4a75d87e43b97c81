using Onnx;

namespace FaceMask.Onnx;

/// <summary>
/// A <see cref="GraphProto"/> under construction: nodes (in topological order), initializers, inputs and outputs,
/// with value and node names checked to be unique as they are added.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly HashSet<string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> nodeNames = new(StringComparer.Ordinal);

    /// <summary>Starts an empty graph.</summary>
    public OnnxGraphBuilder(string name)
    {
        Graph = new GraphProto { Name = name };
    }

    /// <summary>The graph built so far.</summary>
    public GraphProto Graph { get; }

    /// <summary>A human-readable description (Markdown).</summary>
    public string DocString
    {
        get => Graph.DocString;
        set => Graph.DocString = value;
    }

    /// <summary>True when a graph input, initializer or node output already has this name.</summary>
    public bool Defines(string name) => values.Contains(name);

    /// <summary>True when a node already has this name.</summary>
    public bool HasNode(string name) => nodeNames.Contains(name);

    /// <summary>Declares a tensor graph input and returns its name.</summary>
    /// <param name="name">Value name.</param>
    /// <param name="elementType">Element type.</param>
    /// <param name="shape">Each dimension: a fixed size (<see cref="long"/>) or a symbolic name (<see cref="string"/>).</param>
    public string AddInput(string name, TensorProto.Types.DataType elementType, IReadOnlyList<object> shape)
    {
        Define(name);
        Graph.Input.Add(ValueInfo(name, elementType, shape));
        return name;
    }

    /// <summary>Declares a tensor graph output (a value some node produces).</summary>
    /// <param name="name">Value name.</param>
    /// <param name="elementType">Element type.</param>
    /// <param name="shape">Each dimension: a fixed size (<see cref="long"/>) or a symbolic name (<see cref="string"/>).</param>
    public void AddOutput(string name, TensorProto.Types.DataType elementType, IReadOnlyList<object> shape) =>
        Graph.Output.Add(ValueInfo(name, elementType, shape));

    /// <summary>Adds a constant and returns its name.</summary>
    public string AddInitializer(TensorProto tensor)
    {
        Define(tensor.Name);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a float constant and returns its name.</summary>
    public string AddFloats(string name, long[] dims, ReadOnlySpan<float> data) => AddInitializer(OnnxTensor.Floats(name, dims, data));

    /// <summary>Adds a node with one output, both named <paramref name="output"/>, and returns that name.</summary>
    public string AddNode(string opType, string output, IReadOnlyList<string> inputs, params AttributeProto[] attributes)
    {
        AddNode(new NodeProto { OpType = opType, Name = output, Input = { inputs }, Output = { output }, Attribute = { attributes } });
        return output;
    }

    /// <summary>Adds a node (e.g. one copied from another model); an empty name leaves it unnamed.</summary>
    public void AddNode(NodeProto node)
    {
        if (node.Name.Length != 0 && !nodeNames.Add(node.Name))
        {
            throw new InvalidOperationException($"ONNX graph {Graph.Name}: two nodes are named '{node.Name}'");
        }

        foreach (string output in node.Output.Where(o => o.Length != 0))
        {
            Define(output);
        }

        Graph.Node.Add(node);
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType elementType, IReadOnlyList<object> shape)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)elementType, Shape = new TensorShapeProto() };
        foreach (object dim in shape)
        {
            tensor.Shape.Dim.Add(dim switch
            {
                long value => new TensorShapeProto.Types.Dimension { DimValue = value },
                int value => new TensorShapeProto.Types.Dimension { DimValue = value },
                string symbol => new TensorShapeProto.Types.Dimension { DimParam = symbol },
                _ => throw new ArgumentException($"value {name}: a dimension is a number or a name, not {dim}"),
            });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }

    private void Define(string name)
    {
        if (!values.Add(name))
        {
            throw new InvalidOperationException($"ONNX graph {Graph.Name}: the value name '{name}' is defined twice");
        }
    }
}
