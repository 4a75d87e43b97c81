using FaceMask.Detection;
using FaceMask.Inference;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Detection;

public sealed class FaceAnnotatorTests
{
    private static readonly Dictionary<string, float> Probabilities = new() { ["a"] = 0.8f, ["b"] = 0.2f };

    [Fact]
    public void TagIsTheLabelAndItsProbability()
    {
        var face = new FaceResult(new FaceBox(0, 0, 1, 1), 0.9f, "a", Probabilities);
        Assert.Equal("a 0.80", FaceAnnotator.Tag(face, wholeImage: false));
        Assert.Equal("a 0.80 (no face found)", FaceAnnotator.Tag(face, wholeImage: true));
    }

    [Fact]
    public void DrawsTheBoxOnACopyAndLeavesThePhotoAlone()
    {
        using var photo = new SKBitmap(new SKImageInfo(200, 200, SKColorType.Rgba8888, SKAlphaType.Opaque));
        photo.Erase(SKColors.White);
        var analysis = new PhotoAnalysis(200, 200, [new FaceResult(new FaceBox(60, 80, 80, 80), 0.9f, "b", Probabilities)], WholeImage: false);

        using SKBitmap drawn = FaceAnnotator.Draw(photo, analysis, ["a", "b"]);

        Assert.NotEqual(SKColors.White, drawn.GetPixel(60, 120));   // left edge of the box
        Assert.NotEqual(SKColors.White, drawn.GetPixel(100, 160));  // bottom edge
        Assert.Equal(SKColors.White, drawn.GetPixel(100, 120));     // inside the box
        Assert.Equal(SKColors.White, drawn.GetPixel(190, 190));     // away from it
        Assert.NotEqual(SKColors.White, drawn.GetPixel(64, 70));    // the tag above the box
        Assert.Equal(SKColors.White, photo.GetPixel(60, 120));

        byte[] png = FaceAnnotator.DrawPng(photo, analysis);
        using SKBitmap decoded = SKBitmap.Decode(png);
        Assert.Equal((200, 200), (decoded.Width, decoded.Height));
    }
}
