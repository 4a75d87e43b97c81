namespace FaceMask.Export;

/// <summary>An ONNX <c>TensorProto</c> holding its values as little-endian <c>raw_data</c>.</summary>
internal sealed class OnnxTensor
{
    /// <summary>TensorProto.DataType FLOAT.</summary>
    public const int Float = 1;

    /// <summary>TensorProto.DataType INT64.</summary>
    public const int Int64 = 7;

    // TensorProto field numbers (onnx.proto)
    private const int DimsField = 1;
    private const int DataTypeField = 2;
    internal const int NameField = 8;
    private const int RawDataField = 9;

    private OnnxTensor(string name, long[] dims, int dataType, byte[] raw)
    {
        Name = name;
        Dims = dims;
        DataType = dataType;
        Raw = raw;
    }

    /// <summary>The tensor's name (an initializer's name is how nodes refer to it).</summary>
    public string Name { get; }

    /// <summary>Shape.</summary>
    public IReadOnlyList<long> Dims { get; }

    /// <summary>Element type (<see cref="Float"/> or <see cref="Int64"/>).</summary>
    public int DataType { get; }

    /// <summary>Values, little-endian.</summary>
    public byte[] Raw { get; }

    /// <summary>A float tensor; the number of values must match the shape.</summary>
    public static OnnxTensor Floats(string name, long[] dims, ReadOnlySpan<float> values) =>
        new(name, Check(dims, values.Length, name), Float, ProtoMessage.LittleEndian(values));

    /// <summary>An int64 tensor; the number of values must match the shape.</summary>
    public static OnnxTensor Int64s(string name, long[] dims, ReadOnlySpan<long> values) =>
        new(name, Check(dims, values.Length, name), Int64, ProtoMessage.LittleEndian(values));

    /// <summary>The encoded TensorProto.</summary>
    public byte[] Encode() => new ProtoMessage()
        .Int64s(DimsField, Dims)
        .Int64(DataTypeField, DataType)
        .String(NameField, Name)
        .Bytes(RawDataField, Raw)
        .ToArray();

    private static long[] Check(long[] dims, int count, string name)
    {
        long expected = dims.Aggregate(1L, (a, b) => a * b);
        if (expected != count)
        {
            throw new ArgumentException($"tensor {name}: shape [{string.Join(", ", dims)}] needs {expected} values, got {count}");
        }

        return dims;
    }
}
