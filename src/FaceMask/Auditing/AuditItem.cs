namespace FaceMask.Auditing;

/// <summary>One image drawn for review.</summary>
/// <param name="Item">Its number on the review sheets and in <c>review.csv</c> (1-based).</param>
/// <param name="Path">Image path relative to the dataset root, as in the run's <c>predictions.csv</c>.</param>
/// <param name="Given">The dataset's label (class name).</param>
/// <param name="Predicted">The model's prediction (class name).</param>
/// <param name="Stratum">Which stratum it was drawn from.</param>
public sealed record AuditItem(int Item, string Path, string Given, string Predicted, AuditStratum Stratum);
