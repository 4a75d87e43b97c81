using FaceMask.Data;
using FaceMask.Features;
using FaceMask.Inference;
using FaceMask.Inputs;
using FaceMask.Models;
using FaceMask.ResNet;
using FaceMask.Tests.Support;
using SkiaSharp;
using Xunit;
using static TorchSharp.torch;

namespace FaceMask.Tests.Inputs;

/// <summary>In-memory images (face crops) are encoded exactly as the same image read from a file.</summary>
public sealed class InMemoryEncodingTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("stretch")]
    [InlineData("center-crop")]
    public void PixelEncoderMatchesTheFilePath(string resize)
    {
        string file = temp.Write("a.png", Png(70, 50));
        var manifest = new ModelManifest { Arch = "seed4", Classes = ["a", "b"], InputSize = 16, Resize = resize, Normalization = Normalization.Half };
        using EncodedFiles fromFile = PixelInputEncoder.Instance.EncodeFiles([file], manifest);
        using SKBitmap bitmap = ImageDecoder.DecodeBitmap(File.ReadAllBytes(file), file);
        using Tensor fromMemory = PixelInputEncoder.Instance.EncodeImages([bitmap, bitmap], manifest);

        Assert.Equal([2L, 3, 16, 16], fromMemory.shape);
        Assert.True(fromFile.Inputs!.eq(fromMemory[0].unsqueeze(0)).all().item<bool>());
        Assert.True(fromMemory[0].eq(fromMemory[1]).all().item<bool>());
    }

    [Fact]
    public void ResizeIntoRefusesAWrongBuffer()
    {
        using var bitmap = new SKBitmap(20, 20);
        Assert.Throws<ArgumentException>(() => ImageDecoder.ResizeInto(bitmap, 8, ResizeMode.Stretch, new byte[10]));
    }

    [Fact]
    public void BackboneEncoderMatchesTheFilePath()
    {
        string file = temp.Write("b.png", Png(90, 120));
        var backbone = ResNet18Backbone.Locate();
        var manifest = new ModelManifest
        {
            Arch = "resnet18", Classes = ["a", "b"], InputSize = ResNet18Backbone.InputSize, Resize = "center-crop",
            Normalization = Normalization.Half, Backbone = BackboneManifest.Of(backbone),
        };
        using var encoder = new FeatureInputEncoder(extraction: new ExtractionOptions { Workers = 1 });
        using EncodedFiles fromFile = encoder.EncodeFiles([file], manifest);
        using SKBitmap bitmap = ImageDecoder.DecodeBitmap(File.ReadAllBytes(file), file);
        using Tensor fromMemory = encoder.EncodeImages([bitmap], manifest);
        using Tensor again = encoder.EncodeImages([bitmap], manifest);

        Assert.Equal([1L, 2, ResNet18Backbone.FeatureLength], fromMemory.shape);
        Assert.True(fromFile.Inputs!.allclose(fromMemory, rtol: 0, atol: 1e-5));
        Assert.True(fromMemory.eq(again).all().item<bool>());
    }

    [Fact]
    public void ClassifierNamesEachImage()
    {
        var manifest = new ModelManifest { Arch = "seed4", Classes = ["x", "y", "z"], InputSize = 16, Normalization = Normalization.Half };
        using var model = new TrainedModel(ModelArchitectures.Create("seed4", 3, 16), manifest);
        using var classifier = new ImageClassifier(model);
        using var red = new SKBitmap(30, 30);
        red.Erase(SKColors.Red);
        var predictions = classifier.ClassifyImages([red, red], ["one", "two"]);
        Assert.Equal(["one", "two"], predictions.Select(p => p.Path));
        Assert.All(predictions, p => Assert.Equal(1f, p.Probabilities.Values.Sum(), 4));
        Assert.Empty(classifier.ClassifyImages([], []));
        Assert.Throws<ArgumentException>(() => classifier.ClassifyImages([red], []));
    }

    /// <summary>A PNG with a gradient and a bright square, so resizing has detail to get wrong.</summary>
    private static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)((x * y) % 256)));
            }
        }

        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.White })
        {
            canvas.DrawRect(width / 4, height / 4, width / 3, height / 3, paint);
        }

        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
