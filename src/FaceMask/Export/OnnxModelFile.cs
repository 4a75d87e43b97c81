using Google.Protobuf;

namespace FaceMask.Export;

/// <summary>
/// The parts of an existing ONNX model needed to copy its graph into another one: IR version, operator sets, the
/// graph's nodes and initializers (kept encoded), and its input and output names. Read with Google.Protobuf's
/// <see cref="CodedInputStream"/>; fields not listed here are skipped.
/// </summary>
internal sealed class OnnxModelFile
{
    // ModelProto, GraphProto, OperatorSetIdProto, and ValueInfoProto field numbers (onnx.proto)
    private const int IrVersionField = 1;
    private const int GraphField = 7;
    private const int OpsetImportField = 8;
    private const int NodeField = 1;
    private const int InitializerField = 5;
    private const int InputField = 11;
    private const int OutputField = 12;
    private const int SparseInitializerField = 15;
    private const int OpsetDomainField = 1;
    private const int OpsetVersionField = 2;
    private const int ValueNameField = 1;

    private OnnxModelFile(string path)
    {
        Path = path;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>ONNX IR version.</summary>
    public long IrVersion { get; private set; }

    /// <summary>Imported operator sets: domain ("" is ai.onnx) and version.</summary>
    public List<(string Domain, long Version)> Opsets { get; } = [];

    /// <summary>The graph's nodes, in their stored (topological) order.</summary>
    public List<OnnxStoredNode> Nodes { get; } = [];

    /// <summary>The graph's initializers: name and encoded TensorProto.</summary>
    public List<(string Name, ByteString Encoded)> Initializers { get; } = [];

    /// <summary>Names of the graph's inputs (some may also be initializers).</summary>
    public List<string> Inputs { get; } = [];

    /// <summary>Names of the graph's outputs.</summary>
    public List<string> Outputs { get; } = [];

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="FaceMaskException">The file is missing, not an ONNX model, or uses a feature this reader does not copy.</exception>
    public static OnnxModelFile Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FaceMaskException($"{path}: cannot read the ONNX model ({ex.Message})", ex);
        }

        var file = new OnnxModelFile(path);
        try
        {
            file.ParseModel(new CodedInputStream(bytes));
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new FaceMaskException($"{path}: not a readable ONNX model ({ex.Message})", ex);
        }

        if (file.Nodes.Count == 0 || file.Outputs.Count == 0)
        {
            throw new FaceMaskException($"{path}: not an ONNX model (no graph nodes or outputs)");
        }

        return file;
    }

    private void ParseModel(CodedInputStream input)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case IrVersionField:
                    IrVersion = input.ReadInt64();
                    break;
                case OpsetImportField:
                    Opsets.Add(ParseOpset(input.ReadBytes()));
                    break;
                case GraphField:
                    ParseGraph(input.ReadBytes().CreateCodedInput());
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
    }

    private void ParseGraph(CodedInputStream input)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case NodeField:
                    Nodes.Add(OnnxStoredNode.Parse(input.ReadBytes()));
                    break;
                case InitializerField:
                    ByteString tensor = input.ReadBytes();
                    Initializers.Add((ProtoMessage.ReadString(tensor, OnnxTensor.NameField), tensor));
                    break;
                case InputField:
                    Inputs.Add(ProtoMessage.ReadString(input.ReadBytes(), ValueNameField));
                    break;
                case OutputField:
                    Outputs.Add(ProtoMessage.ReadString(input.ReadBytes(), ValueNameField));
                    break;
                case SparseInitializerField:
                    throw new FaceMaskException($"{Path}: sparse initializers are not supported by the ONNX export");
                default:
                    input.SkipLastField();
                    break;
            }
        }
    }

    private static (string Domain, long Version) ParseOpset(ByteString encoded)
    {
        string domain = string.Empty;
        long version = 0;
        var input = encoded.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case OpsetDomainField:
                    domain = input.ReadString();
                    break;
                case OpsetVersionField:
                    version = input.ReadInt64();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return (domain, version);
    }
}
