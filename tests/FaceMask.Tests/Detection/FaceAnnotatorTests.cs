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
        var face = new FaceResult(new FaceBox(0, 0, 1, 1), 0.9f, "a", Probabilities, Unsure: false);
        Assert.Equal("a 0.80", FaceAnnotator.Tag(face, wholeImage: false));
        Assert.Equal("a 0.80 (no face found)", FaceAnnotator.Tag(face, wholeImage: true));
    }

    [Fact]
    public void UnsureTagSaysUnsureWithTheBestGuess()
    {
        var face = new FaceResult(new FaceBox(0, 0, 1, 1), 0.9f, "a", Probabilities, Unsure: true);
        Assert.Equal("unsure (a 0.80)", FaceAnnotator.Tag(face, wholeImage: false));
        Assert.Equal("unsure (a 0.80) (no face found)", FaceAnnotator.Tag(face, wholeImage: true));
    }

    [Fact]
    public void UnsureFaceIsDrawnInTheNeutralColourNotItsClasss()
    {
        using var photo = new SKBitmap(new SKImageInfo(200, 200, SKColorType.Rgba8888, SKAlphaType.Opaque));
        photo.Erase(SKColors.White);
        FaceResult Face(bool unsure) => new(new FaceBox(60, 80, 80, 80), 0.9f, "b", Probabilities, unsure);

        using SKBitmap sure = FaceAnnotator.Draw(photo, new PhotoAnalysis(200, 200, [Face(false)], WholeImage: false), ["a", "b"]);
        using SKBitmap unsure = FaceAnnotator.Draw(photo, new PhotoAnalysis(200, 200, [Face(true)], WholeImage: false), ["a", "b"]);

        SKColor sureEdge = sure.GetPixel(60, 120);
        SKColor unsureEdge = unsure.GetPixel(60, 120);
        Assert.Equal(FaceAnnotator.UnsureColour, unsureEdge);
        Assert.NotEqual(FaceAnnotator.UnsureColour, sureEdge);
        Assert.NotEqual(SKColors.White, sureEdge);
        Assert.True(Math.Abs(unsureEdge.Red - unsureEdge.Green) < 16 && Math.Abs(unsureEdge.Green - unsureEdge.Blue) < 24, $"not a neutral colour: {unsureEdge}");
    }

    [Fact]
    public void DrawsTheBoxOnACopyAndLeavesThePhotoAlone()
    {
        using var photo = new SKBitmap(new SKImageInfo(200, 200, SKColorType.Rgba8888, SKAlphaType.Opaque));
        photo.Erase(SKColors.White);
        var analysis = new PhotoAnalysis(200, 200, [new FaceResult(new FaceBox(60, 80, 80, 80), 0.9f, "b", Probabilities, Unsure: false)], WholeImage: false);

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
