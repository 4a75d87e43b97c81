using Google.Protobuf;

namespace FaceMask.Export;

/// <summary>A node read from an existing ONNX model: its encoded bytes plus the fields needed to rewire it.</summary>
internal sealed class OnnxStoredNode
{
    // NodeProto.op_type and .domain, AttributeProto.type and the GRAPH/GRAPHS attribute types (onnx.proto)
    private const int OpTypeField = 4;
    private const int AttributeField = 5;
    private const int DomainField = 7;
    private const int AttributeTypeField = 20;
    private const int GraphType = 5;
    private const int GraphsType = 10;

    private OnnxStoredNode(ByteString encoded, string name, List<string> inputs, List<string> outputs, string opType, string domain, bool hasSubgraph)
    {
        Encoded = encoded;
        Name = name;
        Inputs = inputs;
        Outputs = outputs;
        OpType = opType;
        Domain = domain;
        HasSubgraph = hasSubgraph;
    }

    /// <summary>The NodeProto as stored.</summary>
    public ByteString Encoded { get; }

    /// <summary>Node name ("" when absent).</summary>
    public string Name { get; }

    /// <summary>Input value names ("" for an omitted optional input).</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>Output value names.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>Operator.</summary>
    public string OpType { get; }

    /// <summary>Operator domain ("" is ai.onnx).</summary>
    public string Domain { get; }

    /// <summary>True when an attribute holds a sub-graph (If, Loop, Scan), whose names a rename would not reach.</summary>
    public bool HasSubgraph { get; }

    /// <summary>Parses a stored NodeProto.</summary>
    public static OnnxStoredNode Parse(ByteString encoded)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        string name = string.Empty, opType = string.Empty, domain = string.Empty;
        bool subgraph = false;
        var input = encoded.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case OnnxNode.InputField:
                    inputs.Add(input.ReadString());
                    break;
                case OnnxNode.OutputField:
                    outputs.Add(input.ReadString());
                    break;
                case OnnxNode.NameField:
                    name = input.ReadString();
                    break;
                case OpTypeField:
                    opType = input.ReadString();
                    break;
                case DomainField:
                    domain = input.ReadString();
                    break;
                case AttributeField:
                    subgraph |= AttributeType(input.ReadBytes()) is GraphType or GraphsType;
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new OnnxStoredNode(encoded, name, inputs, outputs, opType, domain, subgraph);
    }

    /// <summary>
    /// The node with its input names passed through <paramref name="renameInput"/>, its output names through
    /// <paramref name="renameOutput"/> (empty names, i.e. omitted optional values, are kept) and its name set to
    /// <paramref name="name"/> (null: kept); all other fields (operator, attributes, documentation) are copied byte for byte.
    /// </summary>
    public byte[] Renamed(Func<string, string> renameInput, Func<string, string> renameOutput, string? name = null) =>
        ProtoMessage.RewriteStrings(Encoded, new Dictionary<int, Func<string, string>>
        {
            [OnnxNode.InputField] = value => value.Length == 0 ? value : renameInput(value),
            [OnnxNode.OutputField] = value => value.Length == 0 ? value : renameOutput(value),
            [OnnxNode.NameField] = value => name ?? value,
        });

    private static long AttributeType(ByteString attribute)
    {
        var input = attribute.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == AttributeTypeField)
            {
                return input.ReadInt64();
            }

            input.SkipLastField();
        }

        return 0;
    }
}
