namespace FaceMask.Reporting;

/// <summary>A heading, <paramref name="Level"/> 1 being the section's own level.</summary>
/// <param name="Level">Nesting depth, from 1.</param>
/// <param name="Text">The heading text.</param>
internal sealed record HeadingBlock(int Level, string Text) : ReportBlock;
