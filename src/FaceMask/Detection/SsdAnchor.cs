namespace FaceMask.Detection;

/// <summary>One SSD anchor in normalised input coordinates (0–1): its centre and size.</summary>
/// <param name="X">Centre, horizontal.</param>
/// <param name="Y">Centre, vertical.</param>
/// <param name="Width">Width (1 for BlazeFace's fixed-size anchors).</param>
/// <param name="Height">Height (1 for BlazeFace's fixed-size anchors).</param>
internal readonly record struct SsdAnchor(float X, float Y, float Width, float Height);
