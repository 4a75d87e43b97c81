using SkiaSharp;

namespace FaceMask.Data;

/// <summary>Applies <see cref="AugmentParameters"/> to an opaque RGBA bitmap.</summary>
internal static class ImageAugmentation
{
    private static readonly SKSamplingOptions Upscale = new(SKCubicResampler.Mitchell);

    /// <summary>
    /// Random resized crop (same aspect ratio, resized back to the source size), optional horizontal flip, then
    /// brightness and saturation (PIL-style: blend with the luma grey). Returns a new opaque bitmap.
    /// </summary>
    internal static SKBitmap Apply(SKBitmap source, AugmentParameters p)
    {
        int width = source.Width;
        int height = source.Height;
        double side = Math.Sqrt(p.Area);
        int cropWidth = Math.Clamp((int)Math.Round(width * side), 1, width);
        int cropHeight = Math.Clamp((int)Math.Round(height * side), 1, height);
        int x0 = Math.Clamp((int)(p.OffsetX * (width - cropWidth + 1)), 0, width - cropWidth);
        int y0 = Math.Clamp((int)(p.OffsetY * (height - cropHeight + 1)), 0, height - cropHeight);

        var result = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        try
        {
            using (var canvas = new SKCanvas(result))
            using (SKImage image = SKImage.FromBitmap(source))
            {
                canvas.Clear(SKColors.White);
                if (p.Flip)
                {
                    canvas.Translate(width, 0);
                    canvas.Scale(-1, 1);
                }

                canvas.DrawImage(image, SKRect.Create(x0, y0, cropWidth, cropHeight), SKRect.Create(0, 0, width, height), Upscale, null);
            }

            AdjustColour(result, p.Brightness, p.Saturation);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    private static void AdjustColour(SKBitmap bitmap, double brightness, double saturation)
    {
        Span<byte> pixels = bitmap.GetPixelSpan();
        int rowBytes = bitmap.RowBytes;
        float b = (float)brightness;
        float s = (float)saturation;
        for (int y = 0; y < bitmap.Height; y++)
        {
            Span<byte> row = pixels.Slice(y * rowBytes, bitmap.Width * 4);
            for (int i = 0; i < row.Length; i += 4)
            {
                float r = row[i] * b;
                float g = row[i + 1] * b;
                float bl = row[i + 2] * b;
                float grey = (0.299f * r) + (0.587f * g) + (0.114f * bl);
                row[i] = ToByte(grey + (s * (r - grey)));
                row[i + 1] = ToByte(grey + (s * (g - grey)));
                row[i + 2] = ToByte(grey + (s * (bl - grey)));
                row[i + 3] = 255;
            }
        }
    }

    private static byte ToByte(float value) => (byte)Math.Clamp((int)MathF.Round(value), 0, 255);
}
