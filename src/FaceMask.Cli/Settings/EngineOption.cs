using FaceMask.Inference;
using Spectre.Console;

namespace FaceMask.Cli.Settings;

/// <summary>The <c>--engine</c> option <c>detect</c>, <c>video</c> and <c>serve</c> share: its help, its check and its value.</summary>
internal static class EngineOption
{
    public const string Template = "--engine <NAME>";

    public const string Description =
        "What runs the classifier: onnx (ONNX Runtime on the model's exported graph) or torch (libtorch, as evaluate); same answers up to float rounding, about a third less CPU per face with onnx";

    public static ValidationResult Validate(string? value)
    {
        if (value is null)
        {
            return ValidationResult.Success();
        }

        try
        {
            InferenceEngineNames.Parse(value);
            return ValidationResult.Success();
        }
        catch (FaceMaskException ex)
        {
            return ValidationResult.Error("--engine: " + ex.Message);
        }
    }

    /// <summary>The engine named, or <paramref name="fallback"/> when none was given.</summary>
    public static InferenceEngine Resolve(string? value, InferenceEngine fallback) => value is null ? fallback : InferenceEngineNames.Parse(value);
}
