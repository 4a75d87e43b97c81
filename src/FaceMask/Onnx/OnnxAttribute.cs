namespace FaceMask.Onnx;

/// <summary>A node attribute of an ONNX graph; only the field its type uses is set.</summary>
/// <param name="Name">Attribute name (e.g. "pads", "epsilon").</param>
/// <param name="Float">A float attribute's value.</param>
/// <param name="Int">An int attribute's value.</param>
/// <param name="Text">A string attribute's value (UTF-8 decoded).</param>
/// <param name="Floats">A float-list attribute's values.</param>
/// <param name="Ints">An int-list attribute's values.</param>
public sealed record OnnxAttribute(string Name, float? Float, long? Int, string? Text, float[] Floats, long[] Ints);
