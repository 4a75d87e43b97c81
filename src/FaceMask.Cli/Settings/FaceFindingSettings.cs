using System.ComponentModel;
using FaceMask.Data;
using FaceMask.Detection;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Settings;

/// <summary>How faces are found and cropped: the options <c>detect</c>, <c>serve</c> and <c>data faces</c> share.</summary>
internal class FaceFindingSettings : CommandSettings
{
    [CommandOption("--threshold <X>")]
    [Description("Lowest face score kept, 0-1 (default 0.5, suited to masked faces; detect and serve with a face-crop model: its own setting).")]
    public float? Threshold { get; init; }

    [CommandOption("--detector <NAME>")]
    [Description("BlazeFace model: front (128 px) or back (256 px, smaller faces) (default front; detect and serve with a face-crop model: its own setting).")]
    public string? Detector { get; init; }

    [CommandOption("--margin <X>")]
    [Description("Margin added around each face, as a fraction of its size (default 0.25; detect and serve with a face-crop model: its own setting).")]
    public float? Margin { get; init; }

    /// <summary>
    /// The analyser settings: each option given, else what the model's face crops were made with
    /// (<paramref name="modelCrop"/>), else the defaults.
    /// </summary>
    public PhotoAnalyzerOptions AnalyzerOptions(FaceCropSettings? modelCrop)
    {
        PhotoAnalyzerOptions basis = PhotoAnalyzerOptions.For(modelCrop);
        return basis with
        {
            Detector = basis.Detector with
            {
                Model = Detector is null ? basis.Detector.Model : BlazeFaceModel.Parse(Detector),
                Threshold = Threshold ?? basis.Detector.Threshold,
                IntraOpThreads = 1,
            },
            Margin = Margin ?? basis.Margin,
        };
    }
}
