using FaceMask.Inference;
using SkiaSharp;

namespace FaceMask.Detection;

/// <summary>
/// The crop policy for classifying a detected face: the training images are loose face crops, so the detector's box
/// (tight around eyes, nose and mouth) is widened by a margin on every side and squared around its centre, then shifted
/// (and if need be shrunk) to lie inside the photo.
/// </summary>
public static class FaceCrop
{
    /// <summary>Default margin on each side, as a fraction of the box's longer side (measured in docs/detection.md).</summary>
    public const float DefaultMargin = 0.25f;

    /// <summary>The square region of the photo to classify for <paramref name="box"/>.</summary>
    /// <param name="box">The detector's box, in photo pixels.</param>
    /// <param name="photoWidth">Photo width.</param>
    /// <param name="photoHeight">Photo height.</param>
    /// <param name="margin">Extra on each side, as a fraction of the box's longer side (0: the box itself, squared).</param>
    public static SKRectI Region(FaceBox box, int photoWidth, int photoHeight, float margin = DefaultMargin)
    {
        ArgumentNullException.ThrowIfNull(box);
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        float longer = Math.Max(box.Width, box.Height);
        int side = (int)MathF.Round(longer * (1 + (2 * margin)));
        side = Math.Clamp(side, 1, Math.Min(photoWidth, photoHeight));
        float centerX = box.X + (box.Width / 2);
        float centerY = box.Y + (box.Height / 2);
        int left = Math.Clamp((int)MathF.Round(centerX - (side / 2f)), 0, photoWidth - side);
        int top = Math.Clamp((int)MathF.Round(centerY - (side / 2f)), 0, photoHeight - side);
        return SKRectI.Create(left, top, side, side);
    }

    /// <summary>Copies <paramref name="region"/> of <paramref name="photo"/> into a new bitmap (the caller disposes it).</summary>
    public static SKBitmap Extract(SKBitmap photo, SKRectI region)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var crop = new SKBitmap(new SKImageInfo(region.Width, region.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using SKPixmap source = photo.PeekPixels();
        using SKPixmap? subset = source.ExtractSubset(region);
        if (subset is null || !subset.ReadPixels(crop.Info, crop.GetPixels(), crop.RowBytes))
        {
            crop.Dispose();
            throw new ArgumentOutOfRangeException(nameof(region), region, $"not inside the {photo.Width}x{photo.Height} photo");
        }

        return crop;
    }
}
