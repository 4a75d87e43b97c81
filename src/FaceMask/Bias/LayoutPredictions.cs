using FaceMask.Data;
using FaceMask.Protocols;

namespace FaceMask.Bias;

/// <summary>A saved model's predictions for the images of a folder layout.</summary>
/// <param name="Rows">One row per distinct image (<c>&lt;class&gt;/&lt;image&gt;</c> path), sorted by path.</param>
/// <param name="Skipped">Files that could not be used, with paths relative to the layout root.</param>
internal sealed record LayoutPredictions(IReadOnlyList<PredictionRow> Rows, IReadOnlyList<SkippedFile> Skipped);
