namespace FaceMask.Detection;

/// <summary>
/// A decoded detection: box centre and size, score and the six BlazeFace keypoints, in normalised model-input
/// coordinates (0–1, origin top left) as decoded or in photo pixels once mapped back (right eye, left eye, nose tip, mouth, right ear tragion, left ear tragion; x, y pairs).
/// </summary>
/// <param name="CenterX">Box centre, horizontal.</param>
/// <param name="CenterY">Box centre, vertical.</param>
/// <param name="Width">Box width.</param>
/// <param name="Height">Box height.</param>
/// <param name="Score">Face probability (sigmoid of the logit).</param>
/// <param name="Keypoints">x0, y0, x1, y1, … (12 values).</param>
internal sealed record FaceCandidate(float CenterX, float CenterY, float Width, float Height, float Score, float[] Keypoints)
{
    /// <summary>Intersection over union of two boxes (0 when either is empty).</summary>
    public float IntersectionOverUnion(FaceCandidate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        float left = Math.Max(CenterX - (Width / 2), other.CenterX - (other.Width / 2));
        float right = Math.Min(CenterX + (Width / 2), other.CenterX + (other.Width / 2));
        float top = Math.Max(CenterY - (Height / 2), other.CenterY - (other.Height / 2));
        float bottom = Math.Min(CenterY + (Height / 2), other.CenterY + (other.Height / 2));
        float inner = Math.Max(0, right - left) * Math.Max(0, bottom - top);
        float union = (Width * Height) + (other.Width * other.Height) - inner;
        return union <= 0 ? 0 : inner / union;
    }
}
