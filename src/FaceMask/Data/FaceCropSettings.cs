using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaceMask.Data;

/// <summary>
/// How a face-cropped dataset was made (<c>facemask data faces</c>), stored as <see cref="FileName"/> in its root and
/// copied into the manifest of every model trained on it, so that the model is fed the same kind of crop wherever it
/// runs: <c>predict</c> then crops the face first, as <c>detect</c> and the web page always do.
/// </summary>
/// <param name="Detector">BlazeFace model name (<c>front</c> or <c>back</c>).</param>
/// <param name="Threshold">Lowest face score taken as a face.</param>
/// <param name="Margin">Margin on each side of the face box, as a fraction of its longer side.</param>
public sealed record FaceCropSettings(
    [property: JsonPropertyName("detector")] string Detector,
    [property: JsonPropertyName("threshold")] float Threshold,
    [property: JsonPropertyName("margin")] float Margin)
{
    /// <summary>The file in a face-cropped dataset's root.</summary>
    public const string FileName = "faces.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The settings of the dataset at <paramref name="root"/>, or null when it is not a face-cropped copy.</summary>
    /// <exception cref="FaceMaskException">The file exists but cannot be read.</exception>
    public static FaceCropSettings? Read(string root)
    {
        string path = Path.Combine(root, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<FaceCropSettings>(File.ReadAllText(path))
                ?? throw new FaceMaskException($"{path}: empty face-crop settings");
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new FaceMaskException($"{path}: cannot read the face-crop settings ({ex.Message})", ex);
        }
    }

    /// <summary>Writes the settings into the folder <paramref name="root"/>.</summary>
    public void Write(string root) => File.WriteAllText(Path.Combine(root, FileName), JsonSerializer.Serialize(this, Json));

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"face crops ({Detector} detector, score ≥ {Threshold:0.##}, margin {Margin:0.##})");
}
