using FaceMask.Data;

namespace FaceMask.Bias;

/// <summary>What <see cref="GroupAugmenter.WriteGroupBalancedCopy"/> wrote.</summary>
/// <param name="OutputRoot">Full path of the new dataset.</param>
/// <param name="Attribute">The attribute balanced.</param>
/// <param name="AttributesFile">The attribute CSV written for the new dataset (originals and copies).</param>
/// <param name="Copied">Original images copied unchanged.</param>
/// <param name="Cells">Every group × class cell with a known group.</param>
/// <param name="Skipped">Source images that could not be decoded and were not used for copies.</param>
public sealed record GroupAugmentSummary(
    string OutputRoot,
    string Attribute,
    string AttributesFile,
    int Copied,
    IReadOnlyList<GroupAugmentCell> Cells,
    IReadOnlyList<SkippedFile> Skipped)
{
    /// <summary>Augmented copies added in all cells.</summary>
    public int Added => Cells.Sum(c => c.Added);
}
