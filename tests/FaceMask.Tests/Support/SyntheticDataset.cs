using SkiaSharp;

namespace FaceMask.Tests.Support;

/// <summary>
/// Writes small generated ImageFolder datasets for tests: each class has its own colour and a shape,
/// with per-image noise in position, size and brightness, so a network can learn it but not trivially memorise.
/// </summary>
internal static class SyntheticDataset
{
    private static readonly SKColor[] Palette =
    [
        new(220, 40, 40), new(40, 180, 60), new(40, 80, 220), new(230, 200, 40), new(150, 60, 190), new(40, 200, 200),
    ];

    public static string Create(string root, int classes, int perClass, int side = 24, int seed = 1, bool learnable = true)
    {
        var random = new Random(seed);
        for (int c = 0; c < classes; c++)
        {
            string dir = Path.Combine(root, $"class{c}");
            Directory.CreateDirectory(dir);
            for (int i = 0; i < perClass; i++)
            {
                int label = learnable ? c : random.Next(classes);
                File.WriteAllBytes(Path.Combine(dir, $"img{i:D3}.png"), Render(label, side, random));
            }
        }

        return root;
    }

    public static byte[] Render(int label, int side, Random random)
    {
        using var bitmap = new SKBitmap(side, side, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var canvas = new SKCanvas(bitmap);
        byte bg = (byte)random.Next(90, 160);
        canvas.Clear(new SKColor(bg, bg, bg));
        var color = Palette[label % Palette.Length];
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        float size = side * (0.35f + (0.2f * (float)random.NextDouble()));
        float x = (float)random.NextDouble() * (side - size);
        float y = (float)random.NextDouble() * (side - size);
        if (label % 2 == 0)
        {
            canvas.DrawRect(x, y, size, size, paint);
        }
        else
        {
            canvas.DrawCircle(x + (size / 2), y + (size / 2), size / 2, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
