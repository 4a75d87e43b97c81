namespace FaceMask.Data;

/// <summary>Counts for one class of a balanced augmented copy.</summary>
/// <param name="Class">The class name.</param>
/// <param name="Original">Usable images the class had in the source.</param>
/// <param name="Written">Images written for the class (the requested count per class).</param>
/// <param name="Augmented">How many of the written images are augmented copies; the rest are copied originals.</param>
public sealed record ClassAugmentSummary(string Class, int Original, int Written, int Augmented)
{
    /// <summary>Original files copied unchanged.</summary>
    public int Copied => Written - Augmented;
}
