using FaceMask.Data;

namespace FaceMask.Detection;

/// <summary>What <see cref="DatasetFaceCropper.WriteFaceCrops"/> wrote.</summary>
/// <param name="OutputRoot">Full path of the new dataset folder.</param>
/// <param name="ManifestPath">Full path of its per-image record (<see cref="DatasetFaceCropper.ManifestFileName"/>).</param>
/// <param name="Classes">Images written and cropped per class, in class order.</param>
/// <param name="Skipped">Source files that were not usable images and were left out.</param>
public sealed record FaceCropSummary(string OutputRoot, string ManifestPath, IReadOnlyList<ClassFaceCropCount> Classes, IReadOnlyList<SkippedFile> Skipped)
{
    /// <summary>Images written in all classes.</summary>
    public int Written => Classes.Sum(c => c.Written);

    /// <summary>Images replaced by a face crop in all classes.</summary>
    public int Cropped => Classes.Sum(c => c.Cropped);
}
