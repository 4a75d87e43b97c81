namespace FaceMask.Onnx;

/// <summary>One operator of an ONNX graph.</summary>
/// <param name="OpType">Operator (e.g. "Conv", "BatchNormalization").</param>
/// <param name="Name">Node name (may be empty).</param>
/// <param name="Inputs">Names of the tensors it reads, in order.</param>
/// <param name="Outputs">Names of the tensors it writes.</param>
/// <param name="Attributes">Attributes by name.</param>
public sealed record OnnxNode(string OpType, string Name, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyDictionary<string, OnnxAttribute> Attributes)
{
    /// <summary>An int-list attribute, or <paramref name="fallback"/> when the node has none.</summary>
    public long[] Ints(string name, long[] fallback) => Attributes.TryGetValue(name, out var a) ? a.Ints : fallback;

    /// <summary>A float attribute, or <paramref name="fallback"/> when the node has none.</summary>
    public float Float(string name, float fallback) => Attributes.TryGetValue(name, out var a) && a.Float is { } f ? f : fallback;

    /// <summary>An int attribute, or <paramref name="fallback"/> when the node has none.</summary>
    public long Int(string name, long fallback) => Attributes.TryGetValue(name, out var a) && a.Int is { } i ? i : fallback;
}
