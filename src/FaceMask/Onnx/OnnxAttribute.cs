using Google.Protobuf;
using Onnx;
using AttributeType = Onnx.AttributeProto.Types.AttributeType;

namespace FaceMask.Onnx;

/// <summary>
/// Node attributes (<see cref="AttributeProto"/>): made for new nodes, and read from stored ones with a fallback for
/// an attribute the node does not have.
/// </summary>
/// <remarks>
/// OnnxSharp's messages are generated from onnx.proto3, which has no field presence: a value equal to its default
/// (an int attribute of 0, say) is not written. The attribute's <c>type</c> still says what it is, and ONNX Runtime
/// reads the missing value as 0; reading here likewise goes by the type.
/// </remarks>
internal static class OnnxAttribute
{
    /// <summary>An INT attribute.</summary>
    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeType.Int, I = value };

    /// <summary>An INTS attribute.</summary>
    public static AttributeProto Ints(string name, params long[] values) => new() { Name = name, Type = AttributeType.Ints, Ints = { values } };

    /// <summary>A FLOAT attribute.</summary>
    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeType.Float, F = value };

    /// <summary>A STRING attribute (UTF-8).</summary>
    public static AttributeProto String(string name, string value) => new() { Name = name, Type = AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    /// <summary>An int-list attribute of <paramref name="node"/>, or <paramref name="fallback"/> when it has none.</summary>
    public static long[] Ints(this NodeProto node, string name, long[] fallback) =>
        Find(node, name, AttributeType.Ints) is { } a ? [.. a.Ints] : fallback;

    /// <summary>An int attribute of <paramref name="node"/>, or <paramref name="fallback"/> when it has none.</summary>
    public static long Int(this NodeProto node, string name, long fallback) =>
        Find(node, name, AttributeType.Int) is { } a ? a.I : fallback;

    /// <summary>A float attribute of <paramref name="node"/>, or <paramref name="fallback"/> when it has none.</summary>
    public static float Float(this NodeProto node, string name, float fallback) =>
        Find(node, name, AttributeType.Float) is { } a ? a.F : fallback;

    /// <summary>True when an attribute of <paramref name="node"/> holds a sub-graph (If, Loop, Scan).</summary>
    public static bool HasSubgraph(this NodeProto node) => node.Attribute.Any(a => a.Type is AttributeType.Graph or AttributeType.Graphs);

    // The attribute named `name` of type `type`; an attribute stored without a type (old writers) is taken by its value.
    private static AttributeProto? Find(NodeProto node, string name, AttributeType type) =>
        node.Attribute.LastOrDefault(a => a.Name == name && (a.Type == type || (a.Type == AttributeType.Undefined && Holds(a, type))));

    private static bool Holds(AttributeProto a, AttributeType type) => type switch
    {
        AttributeType.Int => a.I != 0,
        AttributeType.Ints => a.Ints.Count != 0,
        AttributeType.Float => a.F != 0,
        _ => false,
    };
}
