using FaceMask.Export;
using FaceMask.Inference;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.ResNet;
using FaceMask.Tests.Support;
using FaceMask.Training;
using Xunit;
using Xunit.Abstractions;

namespace FaceMask.Tests.Export;

/// <summary>ONNX export of a resnet18 model (backbone graphs joined, head appended, image and mirror averaged) on generated images.</summary>
public sealed class OnnxExportResNetTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(HeadKinds.Mlp)]
    [InlineData(HeadKinds.Linear)]
    public void ExportedResNet18MatchesTorchSharp(string head)
    {
        string root = ResNetFixture.Dataset(temp, perClass: 4);
        var data = ResNetFixture.LoadFeatures(root, temp["cache"]);
        var options = new ExperimentOptions { Arch = ModelArchitectures.ResNet18, Head = head, Training = new TrainingOptions { Epochs = 10, Threads = 1, Seed = 1 } };
        using var result = HoldoutProtocol.Run(data, options, testFraction: 0);
        string dir = temp["model"];
        ModelStore.Save(result.Model!, dir);

        var exported = OnnxExporter.Export(dir, temp["resnet.onnx"]);
        var files = ImageClassifier.ExpandPaths([root]);
        float worst = OnnxParity.AssertMatches(result.Model!, exported.Path, files);
        output.WriteLine($"resnet18 {head}: {exported.Bytes / 1e6:0.0} MB, largest |p_torch - p_onnx| over {files.Count} images = {worst:E2}");

        _ = OnnxParity.RunOnnx(exported.Path, files.Take(1).ToList(), out var metadata);
        Assert.Equal("center-crop", metadata["resize"]);
        Assert.Equal(head, metadata["head"]);
        Assert.Contains("mirror", metadata["test_time_augmentation"], StringComparison.Ordinal);
    }

    [Fact]
    public void MirrorAveragingIsPartOfTheGraph()
    {
        // An image and its mirror image must get the same probabilities from the exported graph (it averages both views).
        string root = ResNetFixture.Dataset(temp, perClass: 3);
        var data = ResNetFixture.LoadFeatures(root, temp["cache"]);
        var options = new ExperimentOptions { Arch = ModelArchitectures.ResNet18, Training = new TrainingOptions { Epochs = 5, Threads = 1, Seed = 1 } };
        using var result = HoldoutProtocol.Run(data, options, testFraction: 0);
        var exported = OnnxExporter.Export(result.Model!, temp["resnet.onnx"]);

        string original = ImageClassifier.ExpandPaths([root])[0];
        string mirrored = temp.Write("mirrored.png", MirroredPng(original));
        float[][] probabilities = OnnxParity.RunOnnx(exported.Path, [original, mirrored], out _);
        float largest = probabilities[0].Zip(probabilities[1]).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(largest < 1e-5, $"image and mirror differ by {largest}");
    }

    [Fact]
    public void ABackboneOtherThanTheTrainedOneIsRefused()
    {
        string root = ResNetFixture.Dataset(temp, perClass: 2);
        var data = ResNetFixture.LoadFeatures(root, temp["cache"]);
        var options = new ExperimentOptions { Arch = ModelArchitectures.ResNet18, Training = new TrainingOptions { Epochs = 1, Threads = 1 } };
        using var result = HoldoutProtocol.Run(data, options, testFraction: 0);
        var model = result.Model!;
        var files = new Dictionary<string, string>(model.Manifest.Backbone!.Files) { [ResNet18Backbone.NetworkFile] = new string('0', 64) };
        model.Manifest = model.Manifest with { Backbone = model.Manifest.Backbone with { Files = files } };
        var ex = Assert.Throws<FaceMaskException>(() => OnnxExporter.Export(model, temp["x.onnx"]));
        Assert.Contains("different ResNet18.onnx", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(temp["x.onnx"]));
    }

    private static byte[] MirroredPng(string path)
    {
        using var source = SkiaSharp.SKBitmap.Decode(path);
        using var flipped = new SkiaSharp.SKBitmap(source.Info);
        for (int y = 0; y < source.Height; y++)
        {
            for (int x = 0; x < source.Width; x++)
            {
                flipped.SetPixel(source.Width - 1 - x, y, source.GetPixel(x, y));
            }
        }

        using var image = SkiaSharp.SKImage.FromBitmap(flipped);
        using var encoded = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }
}
