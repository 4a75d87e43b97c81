namespace FaceMask.Reporting;

/// <summary>A paragraph of plain text.</summary>
/// <param name="Text">The text.</param>
internal sealed record TextBlock(string Text) : ReportBlock;
