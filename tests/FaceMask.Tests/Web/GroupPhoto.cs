using SkiaSharp;

namespace FaceMask.Tests.Web;

/// <summary>A "group photo" for tests: real face photos laid out in a grid on a plain background, as one JPEG, in memory.</summary>
internal static class GroupPhoto
{
    public const int Cell = 256;

    public const int Gap = 48;

    /// <summary>Composes the photos left to right, top to bottom, <paramref name="columns"/> per row.</summary>
    public static byte[] Compose(IReadOnlyList<string> files, int columns)
    {
        int rows = (files.Count + columns - 1) / columns;
        using var canvasBitmap = new SKBitmap(Gap + (columns * (Cell + Gap)), Gap + (rows * (Cell + Gap)));
        using (var canvas = new SKCanvas(canvasBitmap))
        {
            canvas.Clear(new SKColor(205, 200, 190));
            for (int i = 0; i < files.Count; i++)
            {
                using SKBitmap face = SKBitmap.Decode(files[i]);
                float scale = Math.Min((float)Cell / face.Width, (float)Cell / face.Height);
                float w = face.Width * scale;
                float h = face.Height * scale;
                float x = Gap + ((i % columns) * (Cell + Gap)) + ((Cell - w) / 2);
                float y = Gap + ((i / columns) * (Cell + Gap)) + ((Cell - h) / 2);
                using var image = SKImage.FromBitmap(face);
                canvas.DrawImage(image, SKRect.Create(x, y, w, h), new SKSamplingOptions(SKCubicResampler.Mitchell));
            }
        }

        using SKData data = canvasBitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
