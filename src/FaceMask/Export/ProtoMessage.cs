using System.Runtime.InteropServices;
using Google.Protobuf;

namespace FaceMask.Export;

/// <summary>
/// One protobuf message built in memory with Google.Protobuf's <see cref="CodedOutputStream"/>: fields are written in
/// the order they are added. Repeated scalars are written unpacked (one tag per value), which every protobuf parser
/// accepts for onnx.proto's proto2 fields.
/// </summary>
internal sealed class ProtoMessage
{
    private readonly MemoryStream buffer;
    private readonly CodedOutputStream output;

    /// <summary>Starts an empty message.</summary>
    /// <param name="capacity">Expected size in bytes (avoids regrowing the buffer for large messages).</param>
    public ProtoMessage(int capacity = 0)
    {
        buffer = new MemoryStream(capacity);
        output = new CodedOutputStream(buffer, leaveOpen: true);
    }

    /// <summary>Appends a varint field (int64, int32 or enum).</summary>
    public ProtoMessage Int64(int field, long value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt64(value);
        return this;
    }

    /// <summary>Appends one varint field per value.</summary>
    public ProtoMessage Int64s(int field, IEnumerable<long> values) => Each(values, value => Int64(field, value));

    /// <summary>Appends a float (fixed 32-bit) field.</summary>
    public ProtoMessage Float(int field, float value)
    {
        output.WriteTag(field, WireFormat.WireType.Fixed32);
        output.WriteFloat(value);
        return this;
    }

    /// <summary>Appends a UTF-8 string field.</summary>
    public ProtoMessage String(int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
        return this;
    }

    /// <summary>Appends one string field per value.</summary>
    public ProtoMessage Strings(int field, IEnumerable<string> values) => Each(values, value => String(field, value));

    /// <summary>Appends a bytes field, or an already encoded sub-message.</summary>
    public ProtoMessage Bytes(int field, ReadOnlyMemory<byte> value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(UnsafeByteOperations.UnsafeWrap(value));
        return this;
    }

    /// <summary>Appends one length-delimited field per encoded sub-message.</summary>
    public ProtoMessage Messages(int field, IEnumerable<ReadOnlyMemory<byte>> encoded) => Each(encoded, message => Bytes(field, message));

    /// <summary>Copies the field whose tag was just read from <paramref name="input"/>, unchanged.</summary>
    public ProtoMessage CopyField(CodedInputStream input, uint tag)
    {
        output.WriteTag(tag);
        switch (WireFormat.GetTagWireType(tag))
        {
            case WireFormat.WireType.Varint:
                output.WriteUInt64(input.ReadUInt64());
                break;
            case WireFormat.WireType.Fixed32:
                output.WriteFixed32(input.ReadFixed32());
                break;
            case WireFormat.WireType.Fixed64:
                output.WriteFixed64(input.ReadFixed64());
                break;
            case WireFormat.WireType.LengthDelimited:
                output.WriteBytes(input.ReadBytes());
                break;
            default:
                throw new InvalidDataException($"unsupported protobuf wire type in tag {tag}");
        }

        return this;
    }

    /// <summary>The first string field <paramref name="field"/> of an encoded message (e.g. a name), or "" when it has none.</summary>
    public static string ReadString(ByteString encoded, int field)
    {
        var input = encoded.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field)
            {
                return input.ReadString();
            }

            input.SkipLastField();
        }

        return string.Empty;
    }

    /// <summary>
    /// Copies an encoded message, passing the string fields named in <paramref name="rewriters"/> (by field number)
    /// through their function; every other field is copied byte for byte.
    /// </summary>
    public static byte[] RewriteStrings(ByteString encoded, IReadOnlyDictionary<int, Func<string, string>> rewriters)
    {
        var message = new ProtoMessage();
        var input = encoded.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            int field = WireFormat.GetTagFieldNumber(tag);
            if (rewriters.TryGetValue(field, out var rewrite) && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                message.String(field, rewrite(input.ReadString()));
            }
            else
            {
                message.CopyField(input, tag);
            }
        }

        return message.ToArray();
    }

    /// <summary>Writes one length-delimited field straight to <paramref name="stream"/>, without copying <paramref name="value"/>.</summary>
    public static void WriteField(Stream stream, int field, ReadOnlyMemory<byte> value)
    {
        using var coded = new CodedOutputStream(stream, leaveOpen: true);
        coded.WriteTag(field, WireFormat.WireType.LengthDelimited);
        coded.WriteBytes(UnsafeByteOperations.UnsafeWrap(value));
        coded.Flush();
    }

    /// <summary>The encoded message.</summary>
    public byte[] ToArray()
    {
        output.Flush();
        return buffer.ToArray();
    }

    private ProtoMessage Each<T>(IEnumerable<T> values, Func<T, ProtoMessage> write)
    {
        foreach (T value in values)
        {
            write(value);
        }

        return this;
    }

    /// <summary>Little-endian bytes of <paramref name="values"/> (ONNX raw_data layout).</summary>
    public static byte[] LittleEndian<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX export needs a little-endian machine");
        }

        return MemoryMarshal.AsBytes(values).ToArray();
    }
}
