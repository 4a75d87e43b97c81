using System.Globalization;
using FaceMask.Data;
using FaceMask.IO;
using SkiaSharp;

namespace FaceMask.Auditing;

/// <summary>
/// Draws an audit's items onto PNG contact sheets for a reviewer: each image scaled to fit its cell (small images
/// enlarged, so a 64 px face can be judged), its item number and original size under it, and nothing else — no path,
/// no label, no prediction, so the review is blind.
/// </summary>
public static class ReviewSheets
{
    /// <summary>The folder inside an audit folder that holds the sheets.</summary>
    public const string FolderName = "sheets";

    private const int CaptionHeight = 30;
    private const int Gap = 6;

    /// <summary>Writes <c>sheets/sheet-001.png</c>… for <paramref name="plan"/>'s items, images read under <paramref name="imageRoot"/>.</summary>
    public static ReviewSheetSet Write(AuditPlan plan, string imageRoot, string directory, ReviewSheetLayout layout)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(imageRoot);
        ArgumentNullException.ThrowIfNull(layout);
        layout.Validate();
        string folder = Path.Combine(directory, FolderName);
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        var missing = new List<string>();
        var chunks = plan.Items.Chunk(layout.PerSheet).ToArray();
        for (int s = 0; s < chunks.Length; s++)
        {
            string path = Path.Combine(folder, $"sheet-{(s + 1).ToString("D3", CultureInfo.InvariantCulture)}.png");
            byte[] png = Render(chunks[s], imageRoot, layout, missing);
            AtomicFile.WriteAllBytes(path, png);
            files.Add(path);
        }

        return new ReviewSheetSet(files, missing);
    }

    private static byte[] Render(AuditItem[] items, string root, ReviewSheetLayout layout, List<string> missing)
    {
        int cellWidth = layout.Cell + Gap;
        int cellHeight = layout.Cell + CaptionHeight + Gap;
        int rows = (items.Length + layout.Columns - 1) / layout.Columns;
        using var sheet = new SKBitmap(new SKImageInfo((cellWidth * Math.Min(layout.Columns, items.Length)) + Gap, (cellHeight * rows) + Gap, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(sheet);
        canvas.Clear(new SKColor(0x30, 0x30, 0x30));
        using var font = new SKFont(SKTypeface.Default, 20);
        using var small = new SKFont(SKTypeface.Default, 14);
        using var text = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var dim = new SKPaint { Color = new SKColor(0xB0, 0xB0, 0xB0), IsAntialias = true };
        using var cross = new SKPaint { Color = new SKColor(0xE0, 0x40, 0x40), Style = SKPaintStyle.Stroke, StrokeWidth = 3, IsAntialias = true };
        var sampling = new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);
        for (int i = 0; i < items.Length; i++)
        {
            float left = Gap + (cellWidth * (i % layout.Columns));
            float top = Gap + (cellHeight * (i / layout.Columns));
            var area = SKRect.Create(left, top, layout.Cell, layout.Cell);
            string size;
            using (SKBitmap? image = TryDecode(Path.Combine(root, items[i].Path)))
            {
                if (image is null)
                {
                    missing.Add(items[i].Path);
                    canvas.DrawLine(area.Left, area.Top, area.Right, area.Bottom, cross);
                    canvas.DrawLine(area.Right, area.Top, area.Left, area.Bottom, cross);
                    size = "unreadable";
                }
                else
                {
                    float scale = layout.Cell / (float)Math.Max(image.Width, image.Height);
                    float w = image.Width * scale;
                    float h = image.Height * scale;
                    using SKImage picture = SKImage.FromBitmap(image);
                    canvas.DrawImage(picture, SKRect.Create(left + ((layout.Cell - w) / 2), top + ((layout.Cell - h) / 2), w, h), sampling);
                    size = $"{image.Width}×{image.Height}";
                }
            }

            float baseline = top + layout.Cell + 22;
            canvas.DrawText("#" + items[i].Item.ToString(CultureInfo.InvariantCulture), left + 2, baseline, SKTextAlign.Left, font, text);
            canvas.DrawText(size, left + layout.Cell - 2, baseline, SKTextAlign.Right, small, dim);
        }

        canvas.Flush();
        using SKData data = sheet.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static SKBitmap? TryDecode(string path)
    {
        try
        {
            return ImageDecoder.DecodeBitmap(ImageDecoder.ReadFile(path, path), path);
        }
        catch (ImageDecodeException)
        {
            return null;
        }
    }
}
