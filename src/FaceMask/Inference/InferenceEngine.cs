namespace FaceMask.Inference;

/// <summary>Which library runs a model's network when faces or images are classified.</summary>
public enum InferenceEngine
{
    /// <summary>The loaded TorchSharp network (libtorch), as training and <c>evaluate</c> run it.</summary>
    Torch,

    /// <summary>
    /// ONNX Runtime on the model's own exported graph (<see cref="Export.OnnxExporter"/>, built in memory when the
    /// classifier opens): the same probabilities up to float rounding, at about two thirds of libtorch's CPU time per
    /// face for the fine-tuned ResNet18 (docs/benchmarks.md).
    /// </summary>
    OnnxRuntime,
}
