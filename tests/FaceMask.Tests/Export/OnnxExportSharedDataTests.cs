using FaceMask.Data;
using FaceMask.Export;
using FaceMask.Features;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.ResNet;
using FaceMask.Tests.Support;
using FaceMask.Training;
using Xunit;
using Xunit.Abstractions;

namespace FaceMask.Tests.Export;

/// <summary>
/// Exported models against TorchSharp on real images of the read-only shared dataset (linked, never copied), with
/// models trained briefly on those images; skipped when the dataset is absent.
/// </summary>
public sealed class OnnxExportSharedDataTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [SharedDataFact]
    public void Seed5OnTwoHundredRealImages() => SeedCnnOnTwoHundredRealImages(ModelArchitectures.Seed5);

    [SharedDataFact]
    public void Seed4OnTwoHundredRealImages() => SeedCnnOnTwoHundredRealImages(ModelArchitectures.Seed4);

    [SharedDataFact]
    public void ResNet18OnAHundredRealImages()
    {
        var files = LinkSubset(perClass: 20);
        var data = ResNetFixture.LoadFeatures(temp["small"], temp["cache"]);
        var options = new ExperimentOptions { Arch = ModelArchitectures.ResNet18, Training = new TrainingOptions { Epochs = 5, Threads = 1, Seed = 4 } };
        using var result = HoldoutProtocol.Run(data, options, testFraction: 0);
        var exported = OnnxExporter.Export(result.Model!, temp["resnet18.onnx"]);

        float worst = OnnxParity.AssertMatches(result.Model!, exported.Path, files);
        output.WriteLine($"resnet18: largest |p_torch - p_onnx| over {files.Count} real images = {worst:E2}");
    }

    [SharedDataFact]
    public void FineTunedResNet18OnAHundredRealImages()
    {
        // The imported ImageNet network at 224 px with a fresh classifier: real batch norm statistics and real pixels.
        var files = LinkSubset(perClass: 20);
        var manifest = new ModelManifest
        {
            Arch = ModelArchitectures.ResNet18FineTuned,
            Classes = Directory.GetDirectories(temp["small"]).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToList(),
            InputSize = ResNet18Backbone.InputSize,
            Resize = "center-crop",
            Tune = FaceMask.ResNet.ResNetTuning.Layer4,
            Backbone = BackboneManifest.Of(ResNet18Backbone.Locate()),
            Normalization = Normalization.Identity,
        };
        using var model = new TrainedModel(ModelArchitectures.Create(manifest.Arch, manifest.Classes.Count, manifest.InputSize), manifest);
        var exported = OnnxExporter.Export(model, temp["resnet18-ft.onnx"]);

        float worst = OnnxParity.AssertMatches(model, exported.Path, files);
        output.WriteLine($"resnet18-ft: largest |p_torch - p_onnx| over {files.Count} real images = {worst:E2}");
    }

    [SharedDataFact]
    public void ShippedDefaultModel_ExportsWithItsPriorCorrection()
    {
        // the shipped model's calibration divides out its training shares: the exported graph must give the corrected
        // probabilities (and so predict's labels), not the network's own
        var files = LinkSubset(perClass: 6);
        using var model = ModelStore.Load(ModelStore.DefaultModelDirectory);
        Assert.True(model.Manifest.Calibration?.PriorCorrection > 0, "the shipped model has no prior correction");
        var exported = OnnxExporter.Export(model, temp["default.onnx"]);

        float worst = OnnxParity.AssertMatches(model, exported.Path, files);
        float[][] onnx = OnnxParity.RunOnnx(exported.Path, files, out var metadata);
        Assert.True(metadata.ContainsKey("prior_correction"));
        model.Manifest = model.Manifest with { Calibration = null };
        float[][] network = OnnxParity.RunTorch(model, files);
        float moved = network.Zip(onnx).Max(x => x.First.Zip(x.Second).Max(p => Math.Abs(p.First - p.Second)));
        Assert.True(moved > 0.01, $"the exported probabilities are within {moved} of the network's own: no correction in the graph");
        output.WriteLine($"default: largest |p_torch - p_onnx| over {files.Count} real images = {worst:E2}; the correction moved a probability by up to {moved:0.000}");
    }

    private void SeedCnnOnTwoHundredRealImages(string arch)
    {
        var files = LinkSubset(perClass: 40);
        var data = DatasetLoader.Load(temp["small"], new DatasetLoadOptions { Size = 32, CacheDirectory = temp["cache"] });
        var options = new ExperimentOptions { Arch = arch, Training = new TrainingOptions { Epochs = 2, Threads = 1, Seed = 4 } };
        using var result = HoldoutProtocol.Run(data, options, testFraction: 0);
        var exported = OnnxExporter.Export(result.Model!, temp[arch + ".onnx"]);

        float worst = OnnxParity.AssertMatches(result.Model!, exported.Path, files);
        output.WriteLine($"{arch}: largest |p_torch - p_onnx| over {files.Count} real images = {worst:E2}");
    }

    /// <summary>Links the first <paramref name="perClass"/> images of each class under <c>temp/small</c>; returns the real files' paths.</summary>
    private List<string> LinkSubset(int perClass)
    {
        string images = SharedData.ImagesRoot!;
        var picked = new List<string>();
        foreach (var group in ImageFolder.Discover(images).Entries.GroupBy(e => e.Label))
        {
            foreach (var entry in group.Take(perClass))
            {
                string link = Path.Combine(temp["small"], entry.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(link)!);
                File.CreateSymbolicLink(link, Path.Combine(images, entry.RelativePath));
                picked.Add(Path.Combine(images, entry.RelativePath));
            }
        }

        return picked;
    }
}
