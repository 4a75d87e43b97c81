using System.Text;
using FaceMask.Data;
using FaceMask.Tests.Support;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Data;

public sealed class ImageDecoderTests
{
    private static ImageDecodeException Fails(byte[] content, string name = "cloth/x.jpg") =>
        Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeResized(content, name, 8, ResizeMode.Stretch));

    [Fact]
    public void ZeroBytes_IsEmpty()
    {
        ImageDecodeException ex = Fails([]);
        Assert.Equal(ImageProblem.Empty, ex.Problem);
        Assert.Equal("cloth/x.jpg: empty file (0 bytes)", ex.Message);
        Assert.Equal("cloth/x.jpg", ex.Path);
    }

    [Fact]
    public void TextNamedJpg_IsNotAnImage()
    {
        ImageDecodeException ex = Fails(Encoding.UTF8.GetBytes("this is not a picture\n"));
        Assert.Equal(ImageProblem.NotAnImage, ex.Problem);
        Assert.Equal("cloth/x.jpg: not an image (it contains text)", ex.Message);
    }

    [Fact]
    public void HtmlPage_IsNotAnImage_AndSaysSo()
    {
        ImageDecodeException ex = Fails(Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>403</body></html>"));
        Assert.Equal(ImageProblem.NotAnImage, ex.Problem);
        Assert.Contains("HTML page", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedJpeg_IsTruncated()
    {
        ImageDecodeException ex = Fails(TestImages.TruncatedJpeg());
        Assert.Equal(ImageProblem.Truncated, ex.Problem);
        Assert.Equal("cloth/x.jpg: truncated image (JPEG data ends early)", ex.Message);
    }

    [Fact]
    public void JpegCutInsideHeader_IsTruncated()
    {
        byte[] jpeg = TestImages.Jpeg(32, 32, SKColors.Red);
        ImageDecodeException ex = Fails(jpeg[..20]);
        Assert.Equal(ImageProblem.Truncated, ex.Problem);
    }

    [Fact]
    public void TiffMagic_IsUnsupportedFormat()
    {
        byte[] tiff = [0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
        ImageDecodeException ex = Fails(tiff, "cloth/x.tif");
        Assert.Equal(ImageProblem.UnsupportedFormat, ex.Problem);
        Assert.Equal("cloth/x.tif: unsupported image format TIFF (supported: JPEG, PNG, GIF, BMP, WebP)", ex.Message);
    }

    [Fact]
    public void AvifNamedWebp_IsUnsupportedFormat()
    {
        byte[] avif = [0x00, 0x00, 0x00, 0x20, .. "ftypavif"u8, 0x00, 0x00, 0x00, 0x00, .. "avifmif1miaf"u8];
        ImageDecodeException ex = Fails(avif, "cloth/x.webp");
        Assert.Equal(ImageProblem.UnsupportedFormat, ex.Problem);
        Assert.Contains("AVIF", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FivePixelPng_IsTooSmall()
    {
        ImageDecodeException ex = Fails(TestImages.Png(5, 5, SKColors.Red), "cloth/tiny.png");
        Assert.Equal(ImageProblem.TooSmall, ex.Problem);
        Assert.Equal("cloth/tiny.png: image too small (5x5 px; each side must be at least 8 px)", ex.Message);
    }

    [Fact]
    public void HugePngHeader_IsTooLarge()
    {
        byte[] png = TestImages.HandmadePng(30_000, 10, colorType: 2, pixel: [0, 0, 0]);
        ImageDecodeException ex = Fails(png, "cloth/wide.png");
        Assert.Equal(ImageProblem.TooLarge, ex.Problem);
        Assert.StartsWith("cloth/wide.png: image too large (30000x10 px", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HandmadePng_Decodes()
    {
        byte[] png = TestImages.HandmadePng(12, 10, colorType: 2, pixel: [10, 20, 30]);
        byte[] chw = ImageDecoder.DecodeResized(png, "x.png", 4, ResizeMode.Stretch);
        Assert.Equal((10, 20, 30), TestImages.At(chw, 4, 2, 2));
    }

    [Fact]
    public void MissingFile_IsUnreadable()
    {
        string path = Path.Combine(Path.GetTempPath(), "facemask-missing-" + Guid.NewGuid().ToString("N") + ".jpg");
        ImageDecodeException ex = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeResized(path, 8, ResizeMode.Stretch));
        Assert.Equal(ImageProblem.Unreadable, ex.Problem);
        Assert.Equal(path + ": file not found", ex.Message);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void SupportedFormats_DecodeToTheRightColour(SKEncodedImageFormat format)
    {
        var color = new SKColor(200, 40, 90);
        using SKBitmap bitmap = TestImages.Solid(40, 30, color);
        byte[] chw = ImageDecoder.DecodeResized(TestImages.Encode(bitmap, format, 100), "x", 16, ResizeMode.Stretch);
        Assert.Equal(3 * 16 * 16, chw.Length);
        Assert.True(TestImages.Near(TestImages.At(chw, 16, 8, 8), color, 3), $"{format}: {TestImages.At(chw, 16, 8, 8)}");
    }

    [Fact]
    public void Bmp_Decodes()
    {
        byte[] chw = ImageDecoder.DecodeResized(TestImages.Bmp(20, 10, new SKColor(1, 2, 3)), "x.bmp", 8, ResizeMode.Stretch);
        Assert.Equal((1, 2, 3), TestImages.At(chw, 8, 4, 4));
    }

    [Fact]
    public void AnimatedGif_DecodesTheFirstFrame()
    {
        var first = new SKColor(10, 200, 30);
        byte[] gif = TestImages.Gif(12, 10, first, new SKColor(250, 0, 0));
        using (var codec = SKCodec.Create(new MemoryStream(gif)))
        {
            Assert.Equal(2, codec.FrameCount);
        }

        byte[] chw = ImageDecoder.DecodeResized(gif, "x.gif", 8, ResizeMode.Stretch);
        Assert.Equal((first.Red, first.Green, first.Blue), TestImages.At(chw, 8, 4, 4));
        Assert.Equal((first.Red, first.Green, first.Blue), TestImages.At(chw, 8, 0, 7));
    }

    [Fact]
    public void TransparentPng_DecodesToWhite()
    {
        byte[] png = TestImages.HandmadePng(16, 16, colorType: 6, pixel: [0, 0, 0, 0]);
        byte[] chw = ImageDecoder.DecodeResized(png, "x.png", 8, ResizeMode.Stretch);
        Assert.All(chw, b => Assert.Equal(255, b));
    }

    [Fact]
    public void HalfTransparentRed_IsCompositedOverWhite()
    {
        byte[] png = TestImages.HandmadePng(16, 16, colorType: 6, pixel: [255, 0, 0, 128]);
        byte[] chw = ImageDecoder.DecodeResized(png, "x.png", 8, ResizeMode.Stretch);
        Assert.True(TestImages.Near(TestImages.At(chw, 8, 3, 3), new SKColor(255, 127, 127), 1), TestImages.At(chw, 8, 3, 3).ToString());

        using SKBitmap full = ImageDecoder.DecodeBitmap(png, "x.png");
        Assert.Equal(SKColorType.Rgba8888, full.ColorType);
        Assert.Equal(SKAlphaType.Unpremul, full.AlphaType);
        SKColor pixel = full.GetPixel(5, 5);
        Assert.Equal(255, pixel.Alpha);
        Assert.InRange(pixel.Green, 126, 128);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    public void Grayscale_ExpandsToThreeEqualChannels(SKEncodedImageFormat format)
    {
        using var gray = new SKBitmap(new SKImageInfo(24, 24, SKColorType.Gray8, SKAlphaType.Opaque));
        Span<byte> pixels = gray.GetPixelSpan();
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i % 24 * 10);
        }

        byte[] encoded = TestImages.Encode(gray, format, 100);
        byte[] chw = ImageDecoder.DecodeResized(encoded, "g", 12, ResizeMode.Stretch);
        int plane = 12 * 12;
        Assert.Equal(chw[..plane], chw[plane..(2 * plane)]);
        Assert.Equal(chw[..plane], chw[(2 * plane)..]);
        Assert.Contains(chw[..plane], b => b > 100);
    }

    [Fact]
    public void Stretch_KeepsEverything_CenterCrop_KeepsTheMiddle()
    {
        using SKBitmap bands = TestImages.Bands(96, 32, SKColors.Red, SKColors.Lime, SKColors.Blue);
        byte[] png = TestImages.Encode(bands, SKEncodedImageFormat.Png);

        byte[] stretch = ImageDecoder.DecodeResized(png, "x.png", 12, ResizeMode.Stretch);
        Assert.True(TestImages.Near(TestImages.At(stretch, 12, 0, 6), SKColors.Red, 2));
        Assert.True(TestImages.Near(TestImages.At(stretch, 12, 6, 6), SKColors.Lime, 2));
        Assert.True(TestImages.Near(TestImages.At(stretch, 12, 11, 6), SKColors.Blue, 2));

        byte[] crop = ImageDecoder.DecodeResized(png, "x.png", 12, ResizeMode.CenterCrop);
        for (int x = 0; x < 12; x++)
        {
            Assert.True(TestImages.Near(TestImages.At(crop, 12, x, 6), SKColors.Lime, 2), $"x={x}: {TestImages.At(crop, 12, x, 6)}");
        }
    }

    [Fact]
    public void LargeJpeg_UsesScaledDecode_AndStaysAccurate()
    {
        using SKBitmap bands = TestImages.Bands(512, 256, SKColors.Red, SKColors.Blue);
        byte[] jpeg = TestImages.Encode(bands, SKEncodedImageFormat.Jpeg, 95);
        byte[] chw = ImageDecoder.DecodeResized(jpeg, "x.jpg", 32, ResizeMode.Stretch);
        Assert.True(TestImages.Near(TestImages.At(chw, 32, 4, 16), SKColors.Red, 8));
        Assert.True(TestImages.Near(TestImages.At(chw, 32, 28, 16), SKColors.Blue, 8));
    }

    [Fact]
    public void FineCheckerboard_IsAntiAliased()
    {
        using var checker = new SKBitmap(new SKImageInfo(256, 256, SKColorType.Rgba8888, SKAlphaType.Premul));
        for (int y = 0; y < 256; y++)
        {
            for (int x = 0; x < 256; x++)
            {
                checker.SetPixel(x, y, ((x + y) & 1) == 0 ? SKColors.White : SKColors.Black);
            }
        }

        byte[] chw = ImageDecoder.DecodeResized(TestImages.Encode(checker, SKEncodedImageFormat.Png), "c.png", 30, ResizeMode.Stretch);
        Assert.All(chw, b => Assert.InRange(b, 100, 155));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(8)]
    [InlineData(3)]
    [InlineData(1)]
    public void ExifOrientation_IsApplied(ushort orientation)
    {
        // Stored image: 64 wide, 32 high, left half red, right half blue.
        using SKBitmap bands = TestImages.Bands(64, 32, SKColors.Red, SKColors.Blue);
        byte[] jpeg = TestImages.WithExifOrientation(TestImages.Encode(bands, SKEncodedImageFormat.Jpeg, 100), orientation);

        using SKBitmap full = ImageDecoder.DecodeBitmap(jpeg, "x.jpg");
        byte[] chw = ImageDecoder.DecodeResized(jpeg, "x.jpg", 16, ResizeMode.Stretch);
        (SKColor first, SKColor second) = orientation switch
        {
            6 => (SKColors.Red, SKColors.Blue),   // rotated 90° clockwise: left → top
            8 => (SKColors.Blue, SKColors.Red),   // rotated 90° anticlockwise: left → bottom
            3 => (SKColors.Blue, SKColors.Red),   // rotated 180°: left → right
            _ => (SKColors.Red, SKColors.Blue),
        };

        if (orientation is 6 or 8)
        {
            Assert.Equal((32, 64), (full.Width, full.Height));
            Assert.True(TestImages.Near(ToTuple(full.GetPixel(16, 4)), first, 8));
            Assert.True(TestImages.Near(ToTuple(full.GetPixel(16, 60)), second, 8));
            Assert.True(TestImages.Near(TestImages.At(chw, 16, 8, 1), first, 8));
            Assert.True(TestImages.Near(TestImages.At(chw, 16, 8, 14), second, 8));
        }
        else
        {
            Assert.Equal((64, 32), (full.Width, full.Height));
            Assert.True(TestImages.Near(ToTuple(full.GetPixel(4, 16)), first, 8));
            Assert.True(TestImages.Near(ToTuple(full.GetPixel(60, 16)), second, 8));
            Assert.True(TestImages.Near(TestImages.At(chw, 16, 1, 8), first, 8));
            Assert.True(TestImages.Near(TestImages.At(chw, 16, 14, 8), second, 8));
        }
    }

    [Fact]
    public void InvalidSize_Throws()
    {
        byte[] png = TestImages.Png(16, 16, SKColors.Red);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageDecoder.DecodeResized(png, "x", 0, ResizeMode.Stretch));
    }

    private static (byte R, byte G, byte B) ToTuple(SKColor c) => (c.Red, c.Green, c.Blue);
}
