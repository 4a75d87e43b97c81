using FaceMask.Data;
using FaceMask.Features;
using FaceMask.Onnx;
using FaceMask.ResNet;
using FaceMask.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FaceMask.Tests.ResNet;

/// <summary>The TorchSharp ResNet18 rebuilt from the ONNX graph gives ONNX Runtime's features.</summary>
public sealed class ResNet18NetworkTests : IDisposable
{
    private const int Side = ResNet18Backbone.InputSize;
    private const double Tolerance = 1e-4;

    private readonly ITestOutputHelper output;
    private readonly TempDirectory temp = new();

    public ResNet18NetworkTests(ITestOutputHelper output) => this.output = output;

    public void Dispose() => temp.Dispose();

    [Fact]
    public void ReaderFollowsTheCntkGraph()
    {
        var onnx = OnnxModel.Read(ResNet18Backbone.Locate().NetworkPath);
        Assert.Equal("CNTK 2.6", onnx.Producer);
        Assert.Equal(["Input247"], onnx.Inputs);
        Assert.Equal([ResNet18Backbone.NetworkOutput], onnx.Outputs);
        var first = onnx.Nodes[0];
        Assert.Equal("Conv", first.OpType);
        Assert.Equal([3L, 3L, 2L, 2L], first.Ints("pads", []));
        Assert.Equal([64L, 3L, 7L, 7L], onnx.Initializer(first.Input[1]).Dims);
        Assert.Equal(22, onnx.Nodes.Count(n => n.OpType == "Conv"));
        Assert.Equal(1e-5f, onnx.Nodes.First(n => n.OpType == "BatchNormalization").Float("epsilon", 0), 1e-9f);
    }

    [Fact]
    public void ImportedNetworkHasTheGraphsStages()
    {
        using var network = ResNetImporter.Import(ResNet18Backbone.Locate(), classes: 3, inputSize: Side);
        Assert.Equal(4, network.Stages);

        // This CNTK "ResNet18" has three blocks in its last stage (22 convolutions), not torchvision's two.
        Assert.Equal([2, 2, 2, 3], network.BlocksPerStage);
        Assert.Equal(512, network.FeatureLength);
    }

    [Fact]
    public void GeneratedImagesGiveOnnxRuntimesFeatures()
    {
        (byte[] pixels, _) = SyntheticPixels.Make(classes: 3, perClass: 2, size: Side, seed: 11);
        var noise = new byte[3 * Side * Side];
        new Random(3).NextBytes(noise);
        var gradient = new byte[3 * Side * Side];
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] = (byte)(i % Side);
        }

        var images = Enumerable.Range(0, 6).Select(i => pixels.AsSpan(i * noise.Length, noise.Length).ToArray()).Append(noise).Append(gradient).ToList();
        double max = MaxDifference(images);
        output.WriteLine($"max |torchsharp - onnxruntime| over {images.Count} generated images (and mirrors): {max:E2}");
        Assert.True(max <= Tolerance, $"max difference {max:E2} > {Tolerance:E0}");
    }

    [SharedDataFact]
    public void RealImagesGiveOnnxRuntimesFeatures()
    {
        var folder = ImageFolder.Discover(SharedData.ImagesRoot!);
        var images = folder.Entries.GroupBy(e => e.Label)
            .SelectMany(g => g.Take(4))
            .Select(e => ImageDecoder.DecodeResized(Path.Combine(folder.Root, e.RelativePath), Side, ResizeMode.CenterCrop))
            .ToList();
        Assert.Equal(20, images.Count);
        double max = MaxDifference(images);
        output.WriteLine($"max |torchsharp - onnxruntime| over {images.Count} shared images (and mirrors): {max:E2}");
        Assert.True(max <= Tolerance, $"max difference {max:E2} > {Tolerance:E0}");
    }

    [Fact]
    public void OtherInputSizesGiveFiniteFeaturesAndLogits()
    {
        using var network = ResNetImporter.Import(ResNet18Backbone.Locate(), classes: 4, inputSize: 112);
        network.eval();
        using var scope = NewDisposeScope();
        var x = rand([2, 3, 112, 112]);
        var features = network.Features(x);
        Assert.Equal([2L, 512L], features.shape);
        Assert.True(features.isfinite().all().item<bool>());
        Assert.Equal([2L, 4L], network.forward(x).shape);
        Assert.Throws<FaceMaskException>(() => network.forward(rand([1, 3, 224, 224])));
    }

    [Fact]
    public void NotAnOnnxFileIsAClearError()
    {
        string path = Path.Combine(temp.Path, "bogus.onnx");
        File.WriteAllBytes(path, [0xff, 0xff, 0xff, 0x01, 0x02]);
        var ex = Assert.Throws<FaceMaskException>(() => OnnxModel.Read(path));
        Assert.Contains(path, ex.Message);
    }

    // Max abs difference between the TorchSharp features and ONNX Runtime's Pooling395_Output_0, for each image and its mirror.
    private static double MaxDifference(IReadOnlyList<byte[]> images)
    {
        var backbone = ResNet18Backbone.Locate();
        var expected = new float[images.Count * FeatureExtractor.PairLength];
        using (var extractor = new FeatureExtractor(backbone, 1))
        {
            for (int i = 0; i < images.Count; i++)
            {
                extractor.ExtractPair(images[i], expected.AsSpan(i * FeatureExtractor.PairLength, FeatureExtractor.PairLength));
            }
        }

        using var network = ResNetImporter.Import(backbone, classes: 2, inputSize: Side);
        network.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = tensor(images.SelectMany(b => b).ToArray(), [images.Count, 3, Side, Side]);
        var image = network.Features(x);
        var mirror = network.Features(x.flip(3));
        var actual = stack([image, mirror], 1).reshape(-1);
        return (actual - tensor(expected)).abs().max().item<float>();
    }
}
