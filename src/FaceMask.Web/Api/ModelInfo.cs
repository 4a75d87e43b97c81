using FaceMask.Models;

namespace FaceMask.Web.Api;

/// <summary>What <c>GET /api/v1/model</c> reports: the classifier's identity, classes and recorded metrics.</summary>
/// <param name="Id">Model id, as in every prediction.</param>
/// <param name="Arch">Architecture name (seed5, seed4, resnet18, …).</param>
/// <param name="Classes">Class names in the model's output order.</param>
/// <param name="InputSize">Classifier input side in pixels.</param>
/// <param name="Metrics">Headline metrics from the manifest (accuracy, macro_f1, …).</param>
/// <param name="CreatedUtc">When the model was saved, if known.</param>
public sealed record ModelInfo(
    string Id,
    string Arch,
    IReadOnlyList<string> Classes,
    int InputSize,
    IReadOnlyDictionary<string, double> Metrics,
    DateTime? CreatedUtc)
{
    /// <summary>The information a model folder's manifest gives, under the id the analyzer reports.</summary>
    public static ModelInfo FromManifest(ModelManifest manifest, string id)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return new ModelInfo(id, manifest.Arch, manifest.Classes, manifest.InputSize, manifest.Metrics, manifest.CreatedUtc);
    }
}
