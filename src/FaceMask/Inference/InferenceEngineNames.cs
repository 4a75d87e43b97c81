namespace FaceMask.Inference;

/// <summary>Names of <see cref="InferenceEngine"/> values as accepted on the command line and shown in reports.</summary>
public static class InferenceEngineNames
{
    /// <summary>"torch" or "onnx".</summary>
    public static string ToName(InferenceEngine engine) => engine == InferenceEngine.OnnxRuntime ? "onnx" : "torch";

    /// <summary>Parses "torch" or "onnx" (any case).</summary>
    /// <exception cref="FaceMaskException">Any other name.</exception>
    public static InferenceEngine Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "torch" or "libtorch" => InferenceEngine.Torch,
            "onnx" or "onnxruntime" => InferenceEngine.OnnxRuntime,
            _ => throw new FaceMaskException($"unknown inference engine '{name}' (use torch or onnx)"),
        };
    }
}
