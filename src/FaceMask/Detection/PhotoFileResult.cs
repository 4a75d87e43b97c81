using FaceMask.Inference;

namespace FaceMask.Detection;

/// <summary>What became of one photo file: its analysis, or the error that stopped it (never both).</summary>
/// <param name="Path">The photo file.</param>
/// <param name="Analysis">Faces and their classes, or null when the file could not be analysed.</param>
/// <param name="Error">Why the file could not be analysed (names the file and the problem), or null.</param>
/// <param name="AnnotatedPath">Where the annotated copy was written, or null.</param>
public sealed record PhotoFileResult(string Path, PhotoAnalysis? Analysis, string? Error, string? AnnotatedPath);
