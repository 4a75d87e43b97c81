using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace FaceMask.Onnx;

/// <summary>ONNX <see cref="TensorProto"/>s holding their values as little-endian <c>raw_data</c>, and float values read back.</summary>
internal static class OnnxTensor
{
    /// <summary>A float tensor; the number of values must match the shape.</summary>
    public static TensorProto Floats(string name, long[] dims, ReadOnlySpan<float> values) =>
        Create(name, dims, DataType.Float, MemoryMarshal.AsBytes(values), values.Length);

    /// <summary>An int64 tensor; the number of values must match the shape.</summary>
    public static TensorProto Int64s(string name, long[] dims, ReadOnlySpan<long> values) =>
        Create(name, dims, DataType.Int64, MemoryMarshal.AsBytes(values), values.Length);

    /// <summary>A float tensor's values, row-major, from <c>raw_data</c> or <c>float_data</c>.</summary>
    /// <exception cref="InvalidDataException">The tensor is not float, or holds another number of values than its shape says.</exception>
    public static float[] FloatValues(TensorProto tensor)
    {
        if (tensor.DataType != (int)DataType.Float)
        {
            throw new InvalidDataException($"initializer '{tensor.Name}' holds {(DataType)tensor.DataType} values, not float");
        }

        float[] values = tensor.RawData.IsEmpty ? [.. tensor.FloatData] : MemoryMarshal.Cast<byte, float>(LittleEndian(tensor.RawData.Span)).ToArray();
        long count = tensor.Dims.Aggregate(1L, (a, d) => a * d);
        return values.Length == count
            ? values
            : throw new InvalidDataException($"initializer '{tensor.Name}' holds {values.Length} values for shape [{string.Join(", ", tensor.Dims)}]");
    }

    private static TensorProto Create(string name, long[] dims, DataType type, ReadOnlySpan<byte> raw, int count)
    {
        long expected = dims.Aggregate(1L, (a, b) => a * b);
        if (expected != count)
        {
            throw new ArgumentException($"tensor {name}: shape [{string.Join(", ", dims)}] needs {expected} values, got {count}");
        }

        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(LittleEndian(raw)) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private static ReadOnlySpan<byte> LittleEndian(ReadOnlySpan<byte> raw) => BitConverter.IsLittleEndian
        ? raw
        : throw new PlatformNotSupportedException("ONNX raw_data is little-endian; this machine is not");
}
