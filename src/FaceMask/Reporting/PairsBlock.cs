namespace FaceMask.Reporting;

/// <summary>Named values, shown as a definition list.</summary>
/// <param name="Pairs">Name and formatted value.</param>
internal sealed record PairsBlock(IReadOnlyList<KeyValuePair<string, string>> Pairs) : ReportBlock;
