namespace FaceMask.Export;

/// <summary>An ONNX <c>NodeProto</c> of the default (ai.onnx) domain.</summary>
/// <param name="OpType">Operator, e.g. <c>Conv</c>.</param>
/// <param name="Name">Node name (unique in the graph).</param>
/// <param name="Inputs">Input value names, in the operator's order.</param>
/// <param name="Outputs">Output value names.</param>
/// <param name="Attributes">Attributes.</param>
internal sealed record OnnxNode(string OpType, string Name, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyList<OnnxAttribute> Attributes)
{
    // NodeProto field numbers (onnx.proto)
    internal const int InputField = 1;
    internal const int OutputField = 2;
    internal const int NameField = 3;
    private const int OpTypeField = 4;
    private const int AttributeField = 5;

    /// <summary>The encoded NodeProto.</summary>
    public byte[] Encode() => new ProtoMessage()
        .Strings(InputField, Inputs)
        .Strings(OutputField, Outputs)
        .String(NameField, Name)
        .String(OpTypeField, OpType)
        .Messages(AttributeField, Attributes.Select(a => (ReadOnlyMemory<byte>)a.Encode()))
        .ToArray();
}
