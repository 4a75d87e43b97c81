namespace FaceMask.Export;

/// <summary>
/// An ONNX <c>GraphProto</c> under construction: nodes (in topological order), initializers, inputs and outputs,
/// each kept encoded so that nodes and initializers copied from another model keep their bytes.
/// </summary>
internal sealed class OnnxGraph
{
    // GraphProto field numbers (onnx.proto)
    private const int NodeField = 1;
    private const int NameField = 2;
    private const int InitializerField = 5;
    private const int DocStringField = 10;
    private const int InputField = 11;
    private const int OutputField = 12;

    private readonly List<ReadOnlyMemory<byte>> nodes = [];
    private readonly List<ReadOnlyMemory<byte>> initializers = [];
    private readonly List<ReadOnlyMemory<byte>> inputs = [];
    private readonly List<ReadOnlyMemory<byte>> outputs = [];
    private readonly HashSet<string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> nodeNames = new(StringComparer.Ordinal);

    /// <summary>Starts an empty graph.</summary>
    public OnnxGraph(string name)
    {
        Name = name;
    }

    /// <summary>The graph's name.</summary>
    public string Name { get; }

    /// <summary>A human-readable description (Markdown).</summary>
    public string? DocString { get; set; }

    /// <summary>Number of nodes so far.</summary>
    public int NodeCount => nodes.Count;

    /// <summary>True when a graph input, initializer or node output already has this name.</summary>
    public bool Defines(string name) => values.Contains(name);

    /// <summary>True when a node already has this name.</summary>
    public bool HasNode(string name) => nodeNames.Contains(name);

    /// <summary>Declares a graph input.</summary>
    public string AddInput(OnnxValueInfo input)
    {
        Define(input.Name);
        inputs.Add(input.Encode());
        return input.Name;
    }

    /// <summary>Declares a graph output (a value some node produces).</summary>
    public void AddOutput(OnnxValueInfo output) => outputs.Add(output.Encode());

    /// <summary>Adds a constant and returns its name.</summary>
    public string AddInitializer(OnnxTensor tensor)
    {
        Define(tensor.Name);
        initializers.Add(tensor.Encode());
        return tensor.Name;
    }

    /// <summary>Adds a float constant and returns its name.</summary>
    public string AddFloats(string name, long[] dims, ReadOnlySpan<float> data) => AddInitializer(OnnxTensor.Floats(name, dims, data));

    /// <summary>Adds a node with one output, both named <paramref name="output"/>, and returns that name.</summary>
    public string AddNode(string opType, string output, IReadOnlyList<string> nodeInputs, params OnnxAttribute[] attributes)
    {
        Define(output);
        NameNode(output);
        nodes.Add(new OnnxNode(opType, output, nodeInputs, [output], attributes).Encode());
        return output;
    }

    /// <summary>Adds an already encoded initializer (copied from another model) named <paramref name="name"/>.</summary>
    public void AddEncodedInitializer(string name, ReadOnlyMemory<byte> encoded)
    {
        Define(name);
        initializers.Add(encoded);
    }

    /// <summary>Adds an already encoded node (copied from another model) named <paramref name="name"/> ("": unnamed) producing <paramref name="nodeOutputs"/>.</summary>
    public void AddEncodedNode(string name, IEnumerable<string> nodeOutputs, ReadOnlyMemory<byte> encoded)
    {
        if (name.Length != 0)
        {
            NameNode(name);
        }

        foreach (string output in nodeOutputs)
        {
            Define(output);
        }

        nodes.Add(encoded);
    }

    /// <summary>The encoded GraphProto.</summary>
    public byte[] Encode()
    {
        long size = nodes.Concat(initializers).Concat(inputs).Concat(outputs).Sum(m => m.Length + 16L) + (DocString?.Length * 4L ?? 0) + 1024;
        var message = new ProtoMessage((int)Math.Min(size, Array.MaxLength))
            .Messages(NodeField, nodes)
            .String(NameField, Name)
            .Messages(InitializerField, initializers);
        if (DocString is not null)
        {
            message.String(DocStringField, DocString);
        }

        return message.Messages(InputField, inputs).Messages(OutputField, outputs).ToArray();
    }

    private void NameNode(string name)
    {
        if (!nodeNames.Add(name))
        {
            throw new InvalidOperationException($"ONNX graph {Name}: two nodes are named '{name}'");
        }
    }

    private void Define(string name)
    {
        if (!values.Add(name))
        {
            throw new InvalidOperationException($"ONNX graph {Name}: the value name '{name}' is defined twice");
        }
    }
}
