using FaceMask.Detection;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Detection;

public sealed class LetterboxTests
{
    [Fact]
    public void LandscapePhotoIsPaddedTopAndBottom()
    {
        // 640×480 into 128: scale 0.2, the photo is 128×96, 16 px of padding above and below
        var box = new Letterbox(640, 480, 128);
        Assert.Equal(0.2f, box.Scale, 6);
        Assert.Equal(0f, box.PadX, 4);
        Assert.Equal(16f, box.PadY, 4);
        Assert.Equal(0f, box.ToInput(0, 0).X, 5);
        Assert.Equal(0.125f, box.ToInput(0, 0).Y, 5);
        Assert.Equal(1f, box.ToInput(640, 480).X, 5);
        Assert.Equal(0.875f, box.ToInput(640, 480).Y, 5);
        Assert.Equal(320f, box.ToPhoto(0.5f, 0.5f).X, 3);
        Assert.Equal(240f, box.ToPhoto(0.5f, 0.5f).Y, 3);
    }

    [Theory]
    [InlineData(640, 480, 128)]
    [InlineData(300, 1000, 256)]
    [InlineData(77, 77, 128)]
    public void PhotoToInputAndBackIsTheIdentity(int width, int height, int size)
    {
        var box = new Letterbox(width, height, size);
        foreach (var (x, y) in new[] { (0f, 0f), (width * 0.3f, height * 0.9f), (width, height), (width / 2f, 1f) })
        {
            SKPoint input = box.ToInput(x, y);
            SKPoint back = box.ToPhoto(input.X, input.Y);
            Assert.Equal(x, back.X, 2);
            Assert.Equal(y, back.Y, 2);
        }
    }

    [Fact]
    public void RenderKeepsTheAspectRatioAndPadsBlack()
    {
        using var photo = new SKBitmap(new SKImageInfo(200, 100, SKColorType.Rgba8888, SKAlphaType.Opaque));
        photo.Erase(new SKColor(250, 10, 10));
        using SKBitmap input = new Letterbox(200, 100, 64).Render(photo);
        Assert.Equal((64, 64), (input.Width, input.Height));
        Assert.Equal(SKColors.Black, input.GetPixel(32, 5));      // padding (rows 0–15)
        Assert.Equal(SKColors.Black, input.GetPixel(32, 60));     // padding (rows 48–63)
        SKColor inside = input.GetPixel(32, 32);
        Assert.True(inside.Red > 240 && inside.Green < 20, $"photo pixel expected, got {inside}");
    }
}
