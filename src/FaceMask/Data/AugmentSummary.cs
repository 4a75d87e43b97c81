namespace FaceMask.Data;

/// <summary>What <see cref="DatasetAugmenter.WriteBalancedCopy"/> wrote.</summary>
/// <param name="OutputRoot">Full path of the new dataset folder.</param>
/// <param name="Classes">Counts per class, in class order.</param>
/// <param name="Skipped">Source files that were not usable images and were left out.</param>
public sealed record AugmentSummary(string OutputRoot, IReadOnlyList<ClassAugmentSummary> Classes, IReadOnlyList<SkippedFile> Skipped)
{
    /// <summary>Images written in all classes.</summary>
    public int TotalWritten => Classes.Sum(c => c.Written);
}
