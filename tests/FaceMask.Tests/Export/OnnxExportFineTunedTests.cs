using FaceMask.Export;
using FaceMask.Inference;
using FaceMask.Models;
using FaceMask.ResNet;
using FaceMask.Tests.Support;
using FaceMask.Training;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FaceMask.Tests.Export;

/// <summary>ONNX export of a resnet18-ft model (its own fine-tuned layers) on generated images.</summary>
public sealed class OnnxExportFineTunedTests(ITestOutputHelper output) : IDisposable
{
    private const int Size = 64;

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(ResNetTuning.Layer4)]
    [InlineData(ResNetTuning.All)]
    public void ExportedFineTunedNetworkMatchesTorchSharp(string tune)
    {
        string root = ResNetFixture.Dataset(temp, perClass: 4);
        using var model = FineTuned(tune, root);
        string dir = temp["model-" + tune];
        ModelStore.Save(model, dir);

        var exported = OnnxExporter.Export(dir, temp[tune + ".onnx"]);
        var files = ImageClassifier.ExpandPaths([root]);
        using var loaded = ModelStore.Load(dir);
        float worst = OnnxParity.AssertMatches(loaded, exported.Path, files);
        output.WriteLine($"resnet18-ft {tune}: {exported.Bytes / 1e6:0.0} MB, largest |p_torch - p_onnx| over {files.Count} images = {worst:E2}");

        _ = OnnxParity.RunOnnx(exported.Path, files.Take(1).ToList(), out var metadata);
        Assert.Equal(ModelArchitectures.ResNet18FineTuned, metadata["arch"]);
        Assert.Equal(tune, metadata["tune"]);
        Assert.Equal("center-crop", metadata["resize"]);
    }

    [Fact]
    public void TheFineTunedWeightsAreTheOnesExported()
    {
        // Change one weight of the last block after training: an export that took the backbone's stored weights (or a
        // stale copy) instead of the network's would no longer match.
        string root = ResNetFixture.Dataset(temp, perClass: 2);
        using var model = FineTuned(ResNetTuning.Layer4, root);
        var network = (ResNet18Network)model.Network;
        using (no_grad())
        {
            network.Blocks[^1].Second.Conv.weight!.mul_(1.5f);
        }

        var exported = OnnxExporter.Export(model, temp["changed.onnx"]);
        var files = ImageClassifier.ExpandPaths([root]);
        OnnxParity.AssertMatches(model, exported.Path, files);
    }

    // A resnet18-ft model at 64 px trained for one epoch on the generated images (its batch norms and tuned blocks move).
    private static TrainedModel FineTuned(string tune, string root)
    {
        var network = (ResNet18Network)ModelArchitectures.Create(ModelArchitectures.ResNet18FineTuned, 3, Size, tune: tune);
        (byte[] pixels, int[] labels) = SyntheticPixels.Make(classes: 3, perClass: 4, size: Size, seed: 5);
        using (var set = TensorSet.FromPixels(pixels, labels, Size, Enumerable.Range(0, labels.Length).ToArray(), Normalization.Identity))
        {
            var options = new TrainingOptions { Epochs = 1, BatchSize = 6, Threads = 1, Augment = true, LearningRate = 0.001 };
            new Trainer(options, Normalization.Identity).Train(network, set);
        }

        var manifest = new ModelManifest
        {
            Arch = ModelArchitectures.ResNet18FineTuned,
            Classes = ImageClassifier.ExpandPaths([root]).Select(f => Path.GetFileName(Path.GetDirectoryName(f)!)).Distinct().Order().ToList(),
            InputSize = Size,
            Resize = "center-crop",
            Tune = tune,
            Backbone = BackboneManifest.Of(ResNet18Backbone.Locate()),
            Normalization = Normalization.Identity,
        };
        return new TrainedModel(network, manifest);
    }
}
