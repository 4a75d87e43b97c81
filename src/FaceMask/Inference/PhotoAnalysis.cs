namespace FaceMask.Inference;

/// <summary>What <see cref="IPhotoAnalyzer"/> found in one photo.</summary>
/// <param name="Width">Photo width in pixels (after EXIF orientation).</param>
/// <param name="Height">Photo height in pixels (after EXIF orientation).</param>
/// <param name="Faces">Every face found, each classified; see <paramref name="WholeImage"/>.</param>
/// <param name="WholeImage">
/// True when the detector found no face and the whole photo was classified instead (then <paramref name="Faces"/>
/// holds that one result, its box the full photo and its detector score null).
/// </param>
public sealed record PhotoAnalysis(int Width, int Height, IReadOnlyList<FaceResult> Faces, bool WholeImage);
