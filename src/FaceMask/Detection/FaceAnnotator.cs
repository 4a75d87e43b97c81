using System.Globalization;
using FaceMask.Inference;
using SkiaSharp;

namespace FaceMask.Detection;

/// <summary>
/// Draws a photo's analysis onto a copy of it: a box around each face and a "label 0.93" tag (the top class and its
/// probability) above it, in the class's colour; an unsure face in a neutral grey, tagged "unsure (label 0.52)"; a
/// whole-image result gets a tag in the top-left corner marked "(no face found)".
/// Used by <c>facemask detect --annotate</c> and the web app.
/// </summary>
internal static class FaceAnnotator
{
    private static readonly SKColor[] Palette =
    [
        new(0xE6, 0x19, 0x4B), new(0x3C, 0xB4, 0x4B), new(0x43, 0x63, 0xD8), new(0xF5, 0x82, 0x31),
        new(0x91, 0x1E, 0xB4), new(0x42, 0xD4, 0xF4), new(0xF0, 0x32, 0xE6), new(0x80, 0x80, 0x00),
    ];

    /// <summary>The colour of unsure faces: a neutral grey that no class has.</summary>
    public static SKColor UnsureColour { get; } = new(0x6B, 0x72, 0x80);

    /// <summary>A copy of <paramref name="photo"/> with the analysis drawn on it (the caller disposes it).</summary>
    /// <param name="photo">The analysed photo, upright.</param>
    /// <param name="analysis">Its analysis.</param>
    /// <param name="classes">The model's classes, which fix each label's colour; null colours by face order.</param>
    public static SKBitmap Draw(SKBitmap photo, PhotoAnalysis analysis, IReadOnlyList<string>? classes = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(analysis);
        var copy = new SKBitmap(new SKImageInfo(photo.Width, photo.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(copy);
        using (SKImage image = SKImage.FromBitmap(photo))
        {
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        }

        DrawFaces(canvas, photo.Width, photo.Height, analysis.Faces, analysis.WholeImage, classes, tags: null);
        canvas.Flush();
        return copy;
    }

    /// <summary>Draws the analysis onto the photo and encodes the result as PNG.</summary>
    public static byte[] DrawPng(SKBitmap photo, PhotoAnalysis analysis, IReadOnlyList<string>? classes = null)
    {
        using SKBitmap annotated = Draw(photo, analysis, classes);
        using SKData png = annotated.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>
    /// Draws boxes and tags onto <paramref name="canvas"/> (the whole-image rule and colours as <see cref="Draw"/>);
    /// <paramref name="tags"/>, when given, replaces each face's tag text (the video annotator adds track numbers).
    /// </summary>
    internal static void DrawFaces(SKCanvas canvas, int width, int height, IReadOnlyList<FaceResult> faces, bool wholeImage, IReadOnlyList<string>? classes, IReadOnlyList<string>? tags)
    {
        float shorter = Math.Min(width, height);
        float stroke = Math.Max(2f, shorter / 250f);
        using var font = new SKFont(SKTypeface.Default, Math.Max(12f, shorter / 30f));
        using var boxPaint = new SKPaint { Style = SKPaintStyle.Stroke, StrokeWidth = stroke, IsAntialias = true };
        using var fillPaint = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true };
        using var textPaint = new SKPaint { Color = SKColors.White, IsAntialias = true };
        for (int i = 0; i < faces.Count; i++)
        {
            FaceResult face = faces[i];
            int colourIndex = classes?.ToList().IndexOf(face.Label) is >= 0 and int c ? c : i;
            SKColor colour = face.Unsure ? UnsureColour : Palette[colourIndex % Palette.Length];
            string tag = tags?[i] ?? Tag(face, wholeImage);
            float textWidth = font.MeasureText(tag);
            float textHeight = font.Size * 1.25f;
            var box = SKRect.Create(face.Box.X, face.Box.Y, face.Box.Width, face.Box.Height);
            if (!wholeImage)
            {
                boxPaint.Color = colour;
                canvas.DrawRect(box, boxPaint);
            }

            float tagLeft = Math.Clamp(box.Left, 0, Math.Max(0, width - textWidth - 8));
            float tagTop = wholeImage || box.Top < textHeight ? box.Top : box.Top - textHeight;
            fillPaint.Color = colour.WithAlpha(220);
            canvas.DrawRect(SKRect.Create(tagLeft, tagTop, textWidth + 8, textHeight), fillPaint);
            canvas.DrawText(tag, tagLeft + 4, tagTop + font.Size, SKTextAlign.Left, font, textPaint);
        }
    }

    /// <summary>
    /// The tag text of one result: "label 0.93", or "unsure (label 0.52)" for an unsure one, plus "(no face found)" for
    /// a whole-image result.
    /// </summary>
    public static string Tag(FaceResult face, bool wholeImage)
    {
        ArgumentNullException.ThrowIfNull(face);
        float p = face.Probabilities.TryGetValue(face.Label, out float v) ? v : 0f;
        string tag = $"{face.Label} {p.ToString("0.00", CultureInfo.InvariantCulture)}";
        tag = face.Unsure ? $"unsure ({tag})" : tag;
        return wholeImage ? tag + " (no face found)" : tag;
    }
}
