namespace FaceMask.Cleaning;

/// <summary>The outcome of checking one training set's labels.</summary>
/// <param name="Kept">Sorted dataset indices of the training images kept.</param>
/// <param name="Flagged">The images left out, with their given and suggested classes.</param>
internal sealed record LabelCleaningResult(int[] Kept, IReadOnlyList<FlaggedLabel> Flagged);
