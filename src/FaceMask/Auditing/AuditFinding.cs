namespace FaceMask.Auditing;

/// <summary>A reviewed item whose label the reviewer changed, or could not decide.</summary>
/// <param name="Item">Its number on the sheets.</param>
/// <param name="Path">Image path relative to the dataset root.</param>
/// <param name="Given">The dataset's label.</param>
/// <param name="Reviewed">The reviewer's class, or null when unsure.</param>
/// <param name="Predicted">The model's prediction.</param>
public sealed record AuditFinding(int Item, string Path, string Given, string? Reviewed, string Predicted);
