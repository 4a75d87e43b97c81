using System.Text.Json.Serialization;

namespace FaceMask.Models;

/// <summary>
/// The <c>backbone</c> section of a model manifest: which frozen network turned images into the features the model's
/// head was trained on. The backbone itself is not stored in the model folder; its files must match these hashes.
/// </summary>
public sealed record BackboneManifest
{
    /// <summary>Backbone name (e.g. "resnet18").</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Where its files come from.</summary>
    [JsonPropertyName("source")]
    public string? Source { get; init; }

    /// <summary>SHA-256 (lower-case hex) of each backbone file, by file name.</summary>
    [JsonPropertyName("files")]
    public required IReadOnlyDictionary<string, string> Files { get; init; }

    /// <summary>The network output used as features.</summary>
    [JsonPropertyName("output")]
    public string? Output { get; init; }

    /// <summary>Floats per feature vector.</summary>
    [JsonPropertyName("feature_length")]
    public int FeatureLength { get; init; }

    /// <summary>The views extracted per image; the head is trained on a random one and averages them when predicting.</summary>
    [JsonPropertyName("views")]
    public IReadOnlyList<string> Views { get; init; } = ["image", "horizontal-mirror"];
}
