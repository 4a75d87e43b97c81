namespace FaceMask.Detection;

/// <summary>Settings of <see cref="PhotoAnalyzer"/>.</summary>
public sealed record PhotoAnalyzerOptions
{
    /// <summary>The face detector's settings (model, threshold, threads).</summary>
    public FaceDetectorOptions Detector { get; init; } = new();

    /// <summary>Margin added around each detected face before classifying it (see <see cref="FaceCrop"/>).</summary>
    public float Margin { get; init; } = FaceCrop.DefaultMargin;

    /// <summary>
    /// Classify only this many faces of a photo, those the detector scores highest (null: every face found). <c>predict</c>
    /// with a face-crop model asks for one answer per file and sets 1.
    /// </summary>
    public int? MaxFaces { get; init; }

    /// <summary>Folder of a backbone model's ONNX files; null uses the application's <c>models/&lt;backbone&gt;</c>.</summary>
    public string? BackboneDirectory { get; init; }

    /// <summary>
    /// Faces whose calibrated top probability is below this are unsure, in [0, 1] (0: never unsure); null uses the
    /// model's calibrated threshold (<see cref="Inference.CalibrationInEffect.For"/>; 0 for an uncalibrated model).
    /// </summary>
    public double? UnsureBelow { get; init; }

    /// <summary>
    /// What runs the classifier's network: libtorch (the library's default) or ONNX Runtime on the model's exported graph
    /// (same probabilities up to float rounding, less CPU per face; what <c>detect</c>, <c>video</c> and <c>serve</c> use
    /// unless told otherwise).
    /// </summary>
    public Inference.InferenceEngine Engine { get; init; } = Inference.InferenceEngine.Torch;

    /// <summary>
    /// ONNX Runtime intra-op threads of the classifier's sessions (the network with <see cref="Inference.InferenceEngine.OnnxRuntime"/>,
    /// a frozen backbone), 1–64 (default 1: <c>serve</c> runs one per batch worker; <c>detect</c> and <c>video</c> use
    /// every core). libtorch's thread count is the process's (<see cref="Runtime.TorchRuntime"/>).
    /// </summary>
    public int ModelThreads { get; init; } = 1;

    /// <summary>
    /// The settings a model's face crops were made with (<see cref="Models.ModelManifest.FaceCrop"/>), so that it is fed
    /// the crops it was trained on; the defaults when <paramref name="crop"/> is null.
    /// </summary>
    public static PhotoAnalyzerOptions For(Data.FaceCropSettings? crop) => crop is null
        ? new PhotoAnalyzerOptions()
        : new PhotoAnalyzerOptions
        {
            Detector = new FaceDetectorOptions { Model = BlazeFaceModel.Parse(crop.Detector), Threshold = crop.Threshold },
            Margin = crop.Margin,
        };

    /// <summary>Throws a <see cref="FaceMaskException"/> for values out of range.</summary>
    public void Validate()
    {
        Detector.Validate();
        if (Margin is < 0 or > 2 || float.IsNaN(Margin))
        {
            throw new FaceMaskException($"the face crop margin must be between 0 and 2, got {Margin}");
        }

        if (ModelThreads is < 1 or > 64)
        {
            throw new FaceMaskException($"the classifier takes 1 to 64 threads, got {ModelThreads}");
        }

        if (MaxFaces is < 1)
        {
            throw new FaceMaskException($"at least one face must be classified, got a maximum of {MaxFaces}");
        }

        Inference.CalibrationInEffect.ValidateThreshold(UnsureBelow);
    }
}
