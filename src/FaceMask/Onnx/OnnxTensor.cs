namespace FaceMask.Onnx;

/// <summary>A float tensor stored in an ONNX file (an initializer): name, shape and values in row-major order.</summary>
/// <param name="Name">Initializer name, as the graph's nodes refer to it.</param>
/// <param name="Dims">Shape.</param>
/// <param name="Values">Values, row-major; <c>Values.Length</c> is the product of <paramref name="Dims"/>.</param>
public sealed record OnnxTensor(string Name, long[] Dims, float[] Values);
