namespace FaceMask.Auditing;

/// <summary>The files of a new audit folder.</summary>
/// <param name="Directory">The audit folder.</param>
/// <param name="Plan">The sample drawn.</param>
/// <param name="ReviewFile">The blank <c>review.csv</c> for the reviewer.</param>
/// <param name="Sheets">The review sheets.</param>
public sealed record AuditFolder(string Directory, AuditPlan Plan, string ReviewFile, ReviewSheetSet Sheets);
