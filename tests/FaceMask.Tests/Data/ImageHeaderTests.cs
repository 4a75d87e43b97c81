using FaceMask.Data;
using FaceMask.Tests.Support;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Data;

/// <summary><see cref="ImageHeader.Read"/>: format and size from the bytes, the decoder's refusals without decoding.</summary>
public sealed class ImageHeaderTests
{
    [Fact]
    public void Png_GivesFormatAndStoredSize()
    {
        ImageHeader header = ImageHeader.Read(TestImages.Png(37, 21, SKColors.Green), "a.png");
        Assert.Equal(new ImageHeader("PNG", 37, 21), header);
    }

    [Fact]
    public void JpegNamedPng_IsJudgedByTheBytes()
    {
        Assert.Equal("JPEG", ImageHeader.Read(TestImages.Jpeg(16, 16, SKColors.Red), "really.png").Format);
    }

    [Theory]
    [InlineData(30_000, 10, ImageProblem.TooLarge)]
    [InlineData(12_000, 9_000, ImageProblem.TooLarge)]
    [InlineData(4, 100, ImageProblem.TooSmall)]
    public void OutOfRangeSizes_AreRefusedFromTheHeader(int width, int height, ImageProblem problem)
    {
        var ex = Assert.Throws<ImageDecodeException>(() => ImageHeader.Read(TestImages.PngHeaderOnly(width, height), "x.png"));
        Assert.Equal(problem, ex.Problem);
        Assert.StartsWith($"x.png: image too {(problem == ImageProblem.TooLarge ? "large" : "small")} ({width}x{height} px", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_IsNotAnImage()
    {
        var ex = Assert.Throws<ImageDecodeException>(() => ImageHeader.Read("hello"u8, "t.jpg"));
        Assert.Equal(ImageProblem.NotAnImage, ex.Problem);
    }
}
