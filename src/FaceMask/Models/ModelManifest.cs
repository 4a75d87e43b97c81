using System.Text.Json.Serialization;

namespace FaceMask.Models;

/// <summary>The <c>model.json</c> manifest that makes a model folder self-describing.</summary>
public sealed record ModelManifest
{
    /// <summary>Weights stored as 32-bit floats.</summary>
    public const string Float32 = "float32";

    /// <summary>Weights stored as 16-bit floats.</summary>
    public const string Float16 = "float16";

    /// <summary>
    /// Large weight tensors stored as int8 differences from the backbone's ImageNet weights (one float32 scale per output
    /// channel), the rest float32; only with <see cref="TunedWeights"/>.
    /// </summary>
    public const string Int8Delta = "int8-delta";

    /// <summary>The weights file holds every entry of the network's state.</summary>
    public const string AllWeights = "all";

    /// <summary>
    /// The weights file holds only what training changed (a fine-tuned ResNet18's trained stages, their batch-norm
    /// statistics and the classifier); the rest is the backbone's ImageNet weights, rebuilt from its ONNX files.
    /// </summary>
    public const string TunedWeights = "tuned";

    /// <summary>The manifest format tag written by this version.</summary>
    public const string CurrentFormat = "facemask-model/1";

    /// <summary>Format tag; models of another format are refused.</summary>
    [JsonPropertyName("format")]
    public string Format { get; init; } = CurrentFormat;

    /// <summary>Architecture name (see <see cref="ModelArchitectures"/>).</summary>
    [JsonPropertyName("arch")]
    public required string Arch { get; init; }

    /// <summary>Class names, in output order.</summary>
    [JsonPropertyName("classes")]
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>Input side in pixels.</summary>
    [JsonPropertyName("input_size")]
    public required int InputSize { get; init; }

    /// <summary>How images are brought to the input size ("stretch" or "center-crop").</summary>
    [JsonPropertyName("resize")]
    public string Resize { get; init; } = "stretch";

    /// <summary>Classifier head of a backbone model (see <see cref="HeadKinds"/>); absent for the pixel models.</summary>
    [JsonPropertyName("head")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Head { get; init; }

    /// <summary>How much of a fine-tuned backbone trains (resnet18-ft: layer4, layer3 or all); absent for the other models.</summary>
    [JsonPropertyName("tune")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Tune { get; init; }

    /// <summary>
    /// The frozen backbone whose features a backbone model takes (name, source and SHA-256 of its files); absent for
    /// the seed models. The backbone is resolved from the application's models folder, not stored with the model; a
    /// fine-tuned model (resnet18-ft) records the files its network was built from (all its weights are in its own folder).
    /// </summary>
    [JsonPropertyName("backbone")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BackboneManifest? Backbone { get; init; }

    /// <summary>
    /// Set when the model was trained on a face-cropped dataset (<c>facemask data faces</c>): inference crops each
    /// photo's face with these settings before classifying. Absent for models trained on whole images.
    /// </summary>
    [JsonPropertyName("face_crop")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Data.FaceCropSettings? FaceCrop { get; init; }

    /// <summary>
    /// Temperature and unsure threshold fitted on held-out predictions (<c>facemask calibrate</c>); absent for
    /// uncalibrated models, whose probabilities are used as the network gives them and which are never unsure.
    /// </summary>
    [JsonPropertyName("calibration")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CalibrationSettings? Calibration { get; init; }

    /// <summary>
    /// Training images per class (after any label cleaning): the priors a prior correction divides out
    /// (<c>facemask calibrate --prior-correction</c>). Absent for models saved before it was recorded.
    /// </summary>
    [JsonPropertyName("training_counts")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, int>? TrainingCounts { get; init; }

    /// <summary>Per-channel normalisation of [0, 1] pixels (identity, and unused, for backbone models: the backbone normalises).</summary>
    [JsonPropertyName("normalization")]
    public required Normalization Normalization { get; init; }

    /// <summary>
    /// Set for a model made by averaging the weights of others (<c>facemask average</c>): each source model's folder
    /// and weight, in the order given. Absent for trained models.
    /// </summary>
    [JsonPropertyName("averaged_from")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AveragedSource>? AveragedFrom { get; init; }

    /// <summary>Seed of the training run.</summary>
    [JsonPropertyName("seed")]
    public int Seed { get; init; }

    /// <summary>Epochs trained in total, over every resume.</summary>
    [JsonPropertyName("epochs")]
    public int Epochs { get; init; }

    /// <summary>Fingerprint of the training data (see the dataset loader).</summary>
    [JsonPropertyName("dataset_fingerprint")]
    public string? DatasetFingerprint { get; init; }

    /// <summary>Dataset root the model was trained on, for the record.</summary>
    [JsonPropertyName("dataset_root")]
    public string? DatasetRoot { get; init; }

    /// <summary>Headline metrics measured when the model was saved (e.g. accuracy, macro_f1 on the held-out split).</summary>
    [JsonPropertyName("metrics")]
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Library versions that produced the model.</summary>
    [JsonPropertyName("versions")]
    public IReadOnlyDictionary<string, string> Versions { get; init; } = new Dictionary<string, string>();

    /// <summary>When the model was written (UTC, ISO 8601).</summary>
    [JsonPropertyName("created_utc")]
    public DateTime CreatedUtc { get; init; } = DateTime.UtcNow;

    /// <summary>Weights file name inside the folder.</summary>
    [JsonPropertyName("weights_file")]
    public string WeightsFile { get; init; } = "weights.bin";

    /// <summary>
    /// How the weights are stored: <see cref="Float32"/> (what training produces), <see cref="Int8Delta"/> (a fine-tuned
    /// ResNet18's tuned convolutions as int8 differences from ImageNet, <c>facemask export --int8</c>) or <see cref="Float16"/> (half the
    /// size; written by <c>facemask export --half</c>, widened to float32 when loaded).
    /// </summary>
    [JsonPropertyName("weights_dtype")]
    public string WeightsDtype { get; init; } = Float32;

    /// <summary>
    /// Which entries the weights file holds: <see cref="AllWeights"/> (every model before this field existed) or
    /// <see cref="TunedWeights"/> (a fine-tuned ResNet18 whose frozen part comes from its backbone files).
    /// </summary>
    [JsonPropertyName("weights_scope")]
    public string WeightsScope { get; init; } = AllWeights;

    /// <summary>SHA-256 of the weights file; a mismatch means the file was truncated or changed.</summary>
    [JsonPropertyName("weights_sha256")]
    public string? WeightsSha256 { get; init; }
}
