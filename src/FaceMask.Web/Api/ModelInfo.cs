using FaceMask.Inference;
using FaceMask.Models;

namespace FaceMask.Web.Api;

/// <summary>What <c>GET /api/v1/model</c> reports: the classifier's identity, classes, recorded metrics and the calibration in effect.</summary>
/// <param name="Id">Model id, as in every prediction.</param>
/// <param name="Arch">Architecture name (seed5, seed4, resnet18, …).</param>
/// <param name="Classes">Class names in the model's output order.</param>
/// <param name="InputSize">Classifier input side in pixels.</param>
/// <param name="Metrics">Headline metrics from the manifest (accuracy, macro_f1, …).</param>
/// <param name="CreatedUtc">When the model was saved, if known.</param>
/// <param name="Calibration">
/// The prior correction, temperature and unsure threshold the answers get (<c>{"temperature", "unsureBelow",
/// "priorCorrectionStrength", "classShares"}</c>): the model's calibration, its threshold replaced by
/// <c>serve --unsure-below</c>; no correction, temperature 1 and threshold 0 for an uncalibrated model.
/// </param>
/// <param name="Engine">What runs the classifier's network: <c>onnx</c> (ONNX Runtime) or <c>torch</c> (libtorch).</param>
public sealed record ModelInfo(
    string Id,
    string Arch,
    IReadOnlyList<string> Classes,
    int InputSize,
    IReadOnlyDictionary<string, double> Metrics,
    DateTime? CreatedUtc,
    CalibrationInEffect Calibration,
    string Engine)
{
    /// <summary>
    /// The information a model folder's manifest gives, under the id and with the calibration the analyzer reports
    /// (<c>PhotoAnalyzer.Calibration</c>), and the engine that runs the network.
    /// </summary>
    public static ModelInfo FromManifest(ModelManifest manifest, string id, CalibrationInEffect calibration, InferenceEngine engine)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(calibration);
        return new ModelInfo(id, manifest.Arch, manifest.Classes, manifest.InputSize, manifest.Metrics, manifest.CreatedUtc, calibration, InferenceEngineNames.ToName(engine));
    }
}
