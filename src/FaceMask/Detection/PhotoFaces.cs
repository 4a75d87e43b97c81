using FaceMask.Inference;
using SkiaSharp;

namespace FaceMask.Detection;

/// <summary>
/// What <see cref="PhotoAnalyzer"/>'s detection step found: the finished answer (no batcher, or no face), or the faces
/// with their crops and names for the batcher, then the batcher's pending answers.
/// </summary>
internal sealed record PhotoFaces(IReadOnlyList<DetectedFace> Faces, PhotoAnalysis? Analysis)
{
    internal List<SKBitmap>? Crops { get; init; }

    internal string[]? Names { get; init; }

    internal Task<IReadOnlyList<ImagePrediction>>? Answers { get; init; }
}
