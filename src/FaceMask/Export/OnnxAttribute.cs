namespace FaceMask.Export;

/// <summary>An ONNX <c>AttributeProto</c> of a node: one int, ints, float or string value.</summary>
internal sealed class OnnxAttribute
{
    // AttributeProto field numbers and AttributeType values (onnx.proto)
    private const int NameField = 1;
    private const int FloatField = 2;
    private const int IntField = 3;
    private const int StringField = 4;
    private const int IntsField = 8;
    private const int TypeField = 20;
    private const int FloatType = 1;
    private const int IntType = 2;
    private const int StringType = 3;
    private const int IntsType = 7;

    private readonly Func<ProtoMessage, ProtoMessage> writeValue;

    private OnnxAttribute(string name, int type, Func<ProtoMessage, ProtoMessage> writeValue)
    {
        Name = name;
        Type = type;
        this.writeValue = writeValue;
    }

    /// <summary>The attribute's name (e.g. <c>kernel_shape</c>).</summary>
    public string Name { get; }

    /// <summary>AttributeProto.AttributeType.</summary>
    public int Type { get; }

    /// <summary>An INT attribute.</summary>
    public static OnnxAttribute Int(string name, long value) => new(name, IntType, m => m.Int64(IntField, value));

    /// <summary>An INTS attribute.</summary>
    public static OnnxAttribute Ints(string name, params long[] values) => new(name, IntsType, m => m.Int64s(IntsField, values));

    /// <summary>A FLOAT attribute.</summary>
    public static OnnxAttribute Float(string name, float value) => new(name, FloatType, m => m.Float(FloatField, value));

    /// <summary>A STRING attribute.</summary>
    public static OnnxAttribute String(string name, string value) => new(name, StringType, m => m.String(StringField, value));

    /// <summary>The encoded AttributeProto.</summary>
    public byte[] Encode() => writeValue(new ProtoMessage().String(NameField, Name)).Int64(TypeField, Type).ToArray();
}
