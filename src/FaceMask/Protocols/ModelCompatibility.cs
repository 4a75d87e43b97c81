using FaceMask.Data;
using FaceMask.Features;
using FaceMask.Models;

namespace FaceMask.Protocols;

/// <summary>
/// Checks that a saved model fits a dataset (same classes in the same order, same input size, same kind of input and
/// backbone). Whole images for a model trained on face crops are not a mismatch: loaded with the model's face-crop
/// step (<see cref="DatasetLoadOptions.Preparer"/>, as the commands do) they are cropped as <c>predict</c> crops them.
/// </summary>
internal static class ModelCompatibility
{
    /// <summary>Throws a <see cref="FaceMaskException"/> naming the mismatch.</summary>
    public static void EnsureMatches(ModelManifest manifest, LoadedDataset data)
    {
        if (!manifest.Classes.SequenceEqual(data.Classes, StringComparer.Ordinal))
        {
            throw new FaceMaskException(
                $"{data.Root}: the dataset's classes [{string.Join(", ", data.Classes)}] do not match the model's [{string.Join(", ", manifest.Classes)}]");
        }

        if (manifest.InputSize != data.Size)
        {
            throw new FaceMaskException($"{data.Root}: loaded at {data.Size} px but the model expects {manifest.InputSize} px");
        }

        if (ModelArchitectures.Defaults(manifest.Arch).Backbone is not null && manifest.Backbone is { } backbone)
        {
            if (data.Features is not { } features)
            {
                throw new FaceMaskException($"{data.Root}: loaded as pixels but the model takes {backbone.Name} features");
            }

            var loaded = features.Backbone;
            if (!loaded.SameFilesAs(backbone))
            {
                throw new FaceMaskException(
                    $"{data.Root}: features come from backbone files ({Describe(loaded)}) other than the ones the model was trained on ({Describe(backbone)})");
            }
        }
        else if (data.Features is { } features)
        {
            throw new FaceMaskException($"{data.Root}: loaded as {features.Backbone.Name} features but the model takes pixels");
        }
    }

    private static string Describe(BackboneManifest backbone) =>
        string.Join(", ", backbone.Files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value[..Math.Min(12, f.Value.Length)]}"));
}
