namespace FaceMask.Inference;

/// <summary>A rectangle in the pixel coordinates of the analysed photo (after EXIF orientation), origin top left.</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public sealed record FaceBox(float X, float Y, float Width, float Height);
