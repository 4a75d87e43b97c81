namespace FaceMask.Auditing;

/// <summary>What a reviewer said of an audit's items, read from <c>review.csv</c>.</summary>
/// <param name="Labels">Item number → the class the reviewer saw (index into the plan's labels).</param>
/// <param name="Unsure">Items the reviewer could not decide (<c>unsure</c> or <c>?</c>).</param>
/// <param name="Blank">Items not reviewed yet (empty label cell).</param>
internal sealed record AuditReviews(IReadOnlyDictionary<int, int> Labels, IReadOnlySet<int> Unsure, int Blank);
