using System.Runtime.InteropServices;
using System.Text;
using Google.Protobuf;

namespace FaceMask.Onnx;

/// <summary>
/// A small, self-contained reader of ONNX model files (the protobuf wire format of onnx.proto's ModelProto, read
/// with Google.Protobuf's <see cref="CodedInputStream"/>): graph nodes with their attributes, float initializers
/// (from <c>float_data</c> or <c>raw_data</c>), and the graph's input and output names. Other fields are skipped.
/// </summary>
public static class OnnxReader
{
    // onnx.proto field numbers.
    private const int ModelIrVersion = 1, ModelProducerName = 2, ModelProducerVersion = 3, ModelGraph = 7;
    private const int GraphNode = 1, GraphInitializer = 5, GraphInput = 11, GraphOutput = 12;
    private const int NodeInput = 1, NodeOutput = 2, NodeName = 3, NodeOpType = 4, NodeAttribute = 5;
    private const int AttrName = 1, AttrFloat = 2, AttrInt = 3, AttrString = 4, AttrFloats = 7, AttrInts = 8;
    private const int TensorDims = 1, TensorDataType = 2, TensorFloatData = 4, TensorName = 8, TensorRawData = 9;
    private const int ValueInfoName = 1;
    private const int FloatType = 1;

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="FaceMaskException">The file is missing or not a readable ONNX model; the message names it.</exception>
    public static OnnxModel Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FaceMaskException($"{path}: cannot read the ONNX file ({ex.Message})", ex);
        }

        try
        {
            return Parse(path, bytes);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidDataException or ArgumentException or OverflowException)
        {
            throw new FaceMaskException($"{path}: not a readable ONNX model ({ex.Message})", ex);
        }
    }

    private static OnnxModel Parse(string path, byte[] bytes)
    {
        long ir = 0;
        string producer = string.Empty, version = string.Empty;
        ReadOnlyMemory<byte>? graph = null;
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case ModelIrVersion when WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint: ir = input.ReadInt64(); break;
                case ModelProducerName: producer = input.ReadString(); break;
                case ModelProducerVersion: version = input.ReadString(); break;
                case ModelGraph: graph = input.ReadBytes().Memory; break;
                default: input.SkipLastField(); break;
            }
        }

        if (graph is null)
        {
            throw new InvalidDataException("no graph");
        }

        var nodes = new List<OnnxNode>();
        var initializers = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        var inputs = new List<string>();
        var outputs = new List<string>();
        var g = new CodedInputStream(graph.Value.ToArray());
        while ((tag = g.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case GraphNode: nodes.Add(ParseNode(g.ReadBytes())); break;
                case GraphInitializer:
                    if (ParseTensor(g.ReadBytes()) is { } t)
                    {
                        initializers[t.Name] = t;
                    }

                    break;
                case GraphInput: inputs.Add(Export.ProtoMessage.ReadString(g.ReadBytes(), ValueInfoName)); break;
                case GraphOutput: outputs.Add(Export.ProtoMessage.ReadString(g.ReadBytes(), ValueInfoName)); break;
                default: g.SkipLastField(); break;
            }
        }

        inputs.RemoveAll(initializers.ContainsKey);
        return new OnnxModel(path, ir, string.IsNullOrEmpty(version) ? producer : $"{producer} {version}", nodes, initializers, inputs, outputs);
    }

    private static OnnxNode ParseNode(ByteString bytes)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        string name = string.Empty, op = string.Empty;
        var attributes = new Dictionary<string, OnnxAttribute>(StringComparer.Ordinal);
        var s = new CodedInputStream(bytes.ToByteArray());
        uint tag;
        while ((tag = s.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case NodeInput: inputs.Add(s.ReadString()); break;
                case NodeOutput: outputs.Add(s.ReadString()); break;
                case NodeName: name = s.ReadString(); break;
                case NodeOpType: op = s.ReadString(); break;
                case NodeAttribute:
                    var a = ParseAttribute(s.ReadBytes());
                    attributes[a.Name] = a;
                    break;
                default: s.SkipLastField(); break;
            }
        }

        return new OnnxNode(op, name, inputs, outputs, attributes);
    }

    private static OnnxAttribute ParseAttribute(ByteString bytes)
    {
        string name = string.Empty;
        float? f = null;
        long? i = null;
        string? text = null;
        var floats = new List<float>();
        var ints = new List<long>();
        var s = new CodedInputStream(bytes.ToByteArray());
        uint tag;
        while ((tag = s.ReadTag()) != 0)
        {
            var wire = WireFormat.GetTagWireType(tag);
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case AttrName: name = s.ReadString(); break;
                case AttrFloat: f = s.ReadFloat(); break;
                case AttrInt: i = s.ReadInt64(); break;
                case AttrString: text = Encoding.UTF8.GetString(s.ReadBytes().Span); break;
                case AttrFloats when wire == WireFormat.WireType.LengthDelimited: floats.AddRange(MemoryMarshal.Cast<byte, float>(s.ReadBytes().Span).ToArray()); break;
                case AttrFloats: floats.Add(s.ReadFloat()); break;
                case AttrInts when wire == WireFormat.WireType.LengthDelimited: ints.AddRange(PackedInt64(s.ReadBytes())); break;
                case AttrInts: ints.Add(s.ReadInt64()); break;
                default: s.SkipLastField(); break;
            }
        }

        return new OnnxAttribute(name, f, i, text, floats.ToArray(), ints.ToArray());
    }

    private static OnnxTensor? ParseTensor(ByteString bytes)
    {
        var dims = new List<long>();
        int type = 0;
        string name = string.Empty;
        float[]? values = null;
        var floatData = new List<float>();
        var s = new CodedInputStream(bytes.ToByteArray());
        uint tag;
        while ((tag = s.ReadTag()) != 0)
        {
            var wire = WireFormat.GetTagWireType(tag);
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case TensorDims when wire == WireFormat.WireType.LengthDelimited: dims.AddRange(PackedInt64(s.ReadBytes())); break;
                case TensorDims: dims.Add(s.ReadInt64()); break;
                case TensorDataType: type = s.ReadInt32(); break;
                case TensorName: name = s.ReadString(); break;
                case TensorFloatData when wire == WireFormat.WireType.LengthDelimited: floatData.AddRange(MemoryMarshal.Cast<byte, float>(s.ReadBytes().Span).ToArray()); break;
                case TensorFloatData: floatData.Add(s.ReadFloat()); break;
                case TensorRawData: values = MemoryMarshal.Cast<byte, float>(s.ReadBytes().Span).ToArray(); break;
                default: s.SkipLastField(); break;
            }
        }

        if (type != FloatType)
        {
            return null;
        }

        values ??= floatData.ToArray();
        long count = dims.Aggregate(1L, (a, d) => a * d);
        if (values.Length != count)
        {
            throw new InvalidDataException($"initializer '{name}' holds {values.Length} values for shape [{string.Join(", ", dims)}]");
        }

        return new OnnxTensor(name, dims.ToArray(), values);
    }

    private static List<long> PackedInt64(ByteString bytes)
    {
        var values = new List<long>();
        var s = new CodedInputStream(bytes.ToByteArray());
        while (!s.IsAtEnd)
        {
            values.Add(s.ReadInt64());
        }

        return values;
    }
}
