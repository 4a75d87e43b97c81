using FaceMask.Detection;
using FaceMask.Inference;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Detection;

public sealed class FaceCropTests
{
    [Fact]
    public void MarginWidensAndSquaresAroundTheCentre()
    {
        // a 40×60 box centred at (100, 100); margin 0.25 of the longer side on each side: 60 × 1.5 = 90
        SKRectI region = FaceCrop.Region(new FaceBox(80, 70, 40, 60), 400, 300, 0.25f);
        Assert.Equal(SKRectI.Create(55, 55, 90, 90), region);
    }

    [Fact]
    public void RegionIsShiftedInsideThePhotoAndShrunkWhenTooLarge()
    {
        SKRectI corner = FaceCrop.Region(new FaceBox(0, 0, 20, 20), 100, 80, 0.5f);
        Assert.Equal(SKRectI.Create(0, 0, 40, 40), corner);

        SKRectI huge = FaceCrop.Region(new FaceBox(10, 10, 90, 60), 100, 80, 1f);
        Assert.Equal(SKRectI.Create(15, 0, 80, 80), huge);
    }

    [Fact]
    public void ExtractCopiesThePixels()
    {
        using var photo = new SKBitmap(new SKImageInfo(50, 50, SKColorType.Rgba8888, SKAlphaType.Opaque));
        photo.Erase(SKColors.White);
        photo.SetPixel(20, 30, SKColors.Red);
        using SKBitmap crop = FaceCrop.Extract(photo, SKRectI.Create(10, 20, 20, 20));
        Assert.Equal((20, 20), (crop.Width, crop.Height));
        Assert.Equal(SKColors.Red, crop.GetPixel(10, 10));
        Assert.Equal(SKColors.White, crop.GetPixel(0, 0));
    }
}
