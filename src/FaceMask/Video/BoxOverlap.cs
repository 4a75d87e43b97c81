using FaceMask.Inference;

namespace FaceMask.Video;

/// <summary>Intersection over union of two boxes.</summary>
internal static class BoxOverlap
{
    /// <summary>Area of the intersection divided by the area of the union (0 when they do not overlap or are empty).</summary>
    public static double IoU(FaceBox a, FaceBox b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double left = Math.Max(a.X, b.X);
        double top = Math.Max(a.Y, b.Y);
        double right = Math.Min(a.X + a.Width, b.X + b.Width);
        double bottom = Math.Min(a.Y + a.Height, b.Y + b.Height);
        double intersection = Math.Max(0, right - left) * Math.Max(0, bottom - top);
        double union = ((double)a.Width * a.Height) + ((double)b.Width * b.Height) - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
