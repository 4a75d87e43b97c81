using System.Text.Json.Serialization;
using FaceMask.ResNet;

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

    /// <summary>The section that records which backbone files produced a model's features.</summary>
    /// <param name="backbone">The backbone's files.</param>
    public static BackboneManifest Of(ResNet18Backbone backbone)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        return new()
        {
            Name = ResNet18Backbone.Name,
            Source = ResNet18Backbone.Source,
            Files = new SortedDictionary<string, string>(backbone.FileHashes.ToDictionary(), StringComparer.Ordinal),
            Output = ResNet18Backbone.NetworkOutput,
            FeatureLength = ResNet18Backbone.FeatureLength,
        };
    }

    /// <summary>True when <paramref name="other"/> names the same backbone with the same files (SHA-256 compared case-insensitively).</summary>
    public bool SameFilesAs(BackboneManifest other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Name, other.Name, StringComparison.Ordinal) && Files.Count == other.Files.Count &&
               Files.All(f => other.Files.TryGetValue(f.Key, out string? hash) && string.Equals(hash, f.Value, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Throws when <paramref name="backbone"/>'s files are not the ones this section names (a model trained on other features).</summary>
    /// <param name="backbone">The backbone's files found now.</param>
    /// <param name="what">What this section belongs to, for the message (e.g. the model folder).</param>
    public void EnsureMatches(ResNet18Backbone backbone, string what)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        if (!string.Equals(Name, ResNet18Backbone.Name, StringComparison.Ordinal))
        {
            throw new FaceMaskException($"{what}: expects backbone '{Name}', not '{ResNet18Backbone.Name}'");
        }

        foreach (var (file, hash) in backbone.FileHashes)
        {
            if (!Files.TryGetValue(file, out string? expected) || !string.Equals(expected, hash, StringComparison.OrdinalIgnoreCase))
            {
                throw new FaceMaskException(
                    $"{what}: was trained on features of a different {file} (SHA-256 {expected ?? "not recorded"}) than {Path.Combine(backbone.Directory, file)} ({hash})");
            }
        }
    }
}
