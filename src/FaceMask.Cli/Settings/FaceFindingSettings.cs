using System.ComponentModel;
using FaceMask.Detection;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Settings;

/// <summary>How faces are found and cropped: the options <c>detect</c>, <c>serve</c> and <c>data faces</c> share.</summary>
internal class FaceFindingSettings : CommandSettings
{
    [CommandOption("--threshold <X>")]
    [Description("Lowest face score kept, 0-1 (default 0.5, suited to masked faces).")]
    public float Threshold { get; init; } = FaceDetectorOptions.DefaultThreshold;

    [CommandOption("--detector <NAME>")]
    [Description("BlazeFace model: front (128 px, default) or back (256 px, smaller faces).")]
    public string Detector { get; init; } = BlazeFaceModel.Front.Name;

    [CommandOption("--margin <X>")]
    [Description("Margin added around each face, as a fraction of its size (default 0.25).")]
    public float Margin { get; init; } = FaceCrop.DefaultMargin;

    /// <summary>The detector settings these options describe (one ONNX Runtime thread).</summary>
    public FaceDetectorOptions DetectorOptions() => new() { Model = BlazeFaceModel.Parse(Detector), Threshold = Threshold, IntraOpThreads = 1 };

    /// <summary>The analyser settings these options describe.</summary>
    public PhotoAnalyzerOptions AnalyzerOptions() => new() { Detector = DetectorOptions(), Margin = Margin };
}
