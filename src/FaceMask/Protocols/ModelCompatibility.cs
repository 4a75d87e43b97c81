using FaceMask.Data;
using FaceMask.Models;

namespace FaceMask.Protocols;

/// <summary>Checks that a saved model fits a dataset (same classes in the same order, same input size and resize mode).</summary>
public static class ModelCompatibility
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
    }
}
