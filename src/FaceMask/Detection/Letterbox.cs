using SkiaSharp;

namespace FaceMask.Detection;

/// <summary>
/// How a photo is fitted into a square model input without distortion: scaled so its longer side fills the square,
/// centred, the rest padded black. Maps normalised input coordinates back to photo pixels and the reverse.
/// </summary>
/// <param name="PhotoWidth">Photo width in pixels.</param>
/// <param name="PhotoHeight">Photo height in pixels.</param>
/// <param name="Size">Side of the square input in pixels.</param>
internal sealed record Letterbox(int PhotoWidth, int PhotoHeight, int Size)
{
    /// <summary>Input pixels per photo pixel.</summary>
    public float Scale => (float)Size / Math.Max(PhotoWidth, PhotoHeight);

    /// <summary>Left padding in input pixels.</summary>
    public float PadX => (Size - (PhotoWidth * Scale)) / 2;

    /// <summary>Top padding in input pixels.</summary>
    public float PadY => (Size - (PhotoHeight * Scale)) / 2;

    /// <summary>Where the photo lands in the input square, in input pixels.</summary>
    public SKRect Destination => SKRect.Create(PadX, PadY, PhotoWidth * Scale, PhotoHeight * Scale);

    /// <summary>A normalised input point (0–1) in photo pixels.</summary>
    public SKPoint ToPhoto(float u, float v) => new(((u * Size) - PadX) / Scale, ((v * Size) - PadY) / Scale);

    /// <summary>A photo pixel point in normalised input coordinates (0–1).</summary>
    public SKPoint ToInput(float x, float y) => new(((x * Scale) + PadX) / Size, ((y * Scale) + PadY) / Size);

    /// <summary>Draws <paramref name="photo"/> letterboxed into a new Size×Size opaque RGBA bitmap (the caller disposes it).</summary>
    public SKBitmap Render(SKBitmap photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var input = new SKBitmap(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(input);
        canvas.Clear(SKColors.Black);
        using SKImage image = SKImage.FromBitmap(photo);
        var sampling = Scale < 0.5f ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear) : new SKSamplingOptions(SKCubicResampler.Mitchell);
        canvas.DrawImage(image, Destination, sampling);
        canvas.Flush();
        return input;
    }
}
