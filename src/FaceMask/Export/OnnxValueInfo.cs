namespace FaceMask.Export;

/// <summary>An ONNX <c>ValueInfoProto</c> for a tensor graph input or output: name, element type and shape.</summary>
/// <param name="Name">Value name.</param>
/// <param name="ElementType">TensorProto.DataType of the elements (e.g. <see cref="OnnxTensor.Float"/>).</param>
/// <param name="Shape">Each dimension: a fixed size (<see cref="long"/>) or a symbolic name (<see cref="string"/>).</param>
internal sealed record OnnxValueInfo(string Name, int ElementType, IReadOnlyList<object> Shape)
{
    // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto and Dimension field numbers (onnx.proto)
    private const int NameField = 1;
    private const int TypeField = 2;
    private const int TensorTypeField = 1;
    private const int ElemTypeField = 1;
    private const int ShapeField = 2;
    private const int DimField = 1;
    private const int DimValueField = 1;
    private const int DimParamField = 2;

    /// <summary>The encoded ValueInfoProto.</summary>
    public byte[] Encode()
    {
        var shape = new ProtoMessage();
        foreach (object dim in Shape)
        {
            var dimension = dim switch
            {
                long value => new ProtoMessage().Int64(DimValueField, value),
                int value => new ProtoMessage().Int64(DimValueField, value),
                string symbol => new ProtoMessage().String(DimParamField, symbol),
                _ => throw new ArgumentException($"value {Name}: a dimension is a number or a name, not {dim}"),
            };
            shape.Bytes(DimField, dimension.ToArray());
        }

        byte[] tensorType = new ProtoMessage().Int64(ElemTypeField, ElementType).Bytes(ShapeField, shape.ToArray()).ToArray();
        byte[] type = new ProtoMessage().Bytes(TensorTypeField, tensorType).ToArray();
        return new ProtoMessage().String(NameField, Name).Bytes(TypeField, type).ToArray();
    }
}
