using System.Text.Json.Nodes;
using FaceMask.Export;
using FaceMask.Models;
using FaceMask.ResNet;
using FaceMask.Runtime;
using FaceMask.Tests.Support;
using FaceMask.Training;
using Xunit;
using static TorchSharp.torch;

namespace FaceMask.Tests.Export;

/// <summary>Model folders with float16 weights: half the size, the original's weights rounded, loaded as float32.</summary>
public sealed class ModelCopyExporterTests : IDisposable
{
    private const int Size = 64;

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void TheCopyHoldsTheRoundedWeightsAtHalfTheSize()
    {
        TorchRuntime.Configure(1, 5);
        using var network = ModelArchitectures.Create(ModelArchitectures.ResNet18FineTuned, 3, Size);
        string original = temp["model"];
        ModelStore.Save(new TrainedModel(network, Manifest()), original);
        string half = temp["half"];

        var manifest = ModelCopyExporter.Export(original, half, ModelManifest.Float16);

        Assert.Equal(ModelManifest.Float16, manifest.WeightsDtype);
        Assert.Equal(ModelManifest.Float16, JsonNode.Parse(File.ReadAllText(Path.Combine(half, ModelStore.ManifestFile)))!["weights_dtype"]!.GetValue<string>());
        long full = new FileInfo(Path.Combine(original, "weights.bin")).Length;
        long small = new FileInfo(Path.Combine(half, "weights.bin")).Length;
        Assert.InRange(small, full * 0.49, full * 0.51);

        using var loaded = ModelStore.Load(half);
        var expected = network.state_dict();
        var resnet = (ResNet18Network)network;
        foreach (var (name, value) in loaded.Network.state_dict())
        {
            Assert.Equal(expected[name].dtype, value.dtype);
            // Only what training changes is stored (and rounded); the frozen part is the backbone's, exactly.
            bool fits = resnet.IsTrainedEntry(name) && expected[name].is_floating_point() && expected[name].abs().max().item<float>() <= 65504;
            using var rounded = fits ? expected[name].to(ScalarType.Float16).to(expected[name].dtype) : expected[name].clone();
            Assert.True(rounded.eq(value).all().item<bool>(), $"{name}: not the original {(fits ? "rounded to float16" : "kept as it was")}");
        }

        Assert.Equal(ModelManifest.TunedWeights, manifest.WeightsScope);

        // The rounding moves the probabilities only a little (here: random weights and images).
        using var x = rand([4, 3, Size, Size]);
        network.eval();
        float[][] before = Predictor.Probabilities(network, x);
        float[][] after = Predictor.Probabilities(loaded.Network, x);
        double largest = before.Zip(after).Max(p => p.First.Zip(p.Second).Max(q => Math.Abs(q.First - q.Second)));
        Assert.True(largest < 0.01, $"largest probability difference {largest}");
    }

    [Fact]
    public void AFullHalfCopyKeepsValuesBeyondFloat16AsTheyAre()
    {
        // With every layer tuned the whole state is stored; the stem's batch-norm variance (the network takes 0-255
        // pixels) is beyond float16's range: kept as float32, not made infinite.
        TorchRuntime.Configure(1, 5);
        using var network = ModelArchitectures.Create(ModelArchitectures.ResNet18FineTuned, 3, Size, tune: ResNetTuning.All);
        string original = temp["model"];
        ModelStore.Save(new TrainedModel(network, Manifest() with { Tune = ResNetTuning.All }), original);

        var manifest = ModelCopyExporter.Export(original, temp["half"], ModelManifest.Float16);

        Assert.Equal(ModelManifest.AllWeights, manifest.WeightsScope);
        using var loaded = ModelStore.Load(temp["half"]);
        Assert.True(network.state_dict()["stem.bn.running_var"].max().item<float>() > 65504);
        Assert.True(loaded.Network.state_dict()["stem.bn.running_var"].isfinite().all().item<bool>());
        Assert.True(network.state_dict()["stem.bn.running_var"].eq(loaded.Network.state_dict()["stem.bn.running_var"]).all().item<bool>());
    }

    [Fact]
    public void AnInt8CopyStoresTheTunedDifferencesAtAQuarterOfTheSize()
    {
        TorchRuntime.Configure(1, 5);
        using var network = (ResNet18Network)ModelArchitectures.Create(ModelArchitectures.ResNet18FineTuned, 3, Size);
        using var imagenet = ModelArchitectures.Create(ModelArchitectures.ResNet18FineTuned, 3, Size);
        (byte[] pixels, int[] labels) = SyntheticPixels.Make(classes: 3, perClass: 4, size: Size, seed: 4);
        using (var set = TensorSet.FromPixels(pixels, labels, Size, Enumerable.Range(0, labels.Length).ToArray(), Normalization.Identity))
        {
            new Trainer(new TrainingOptions { Epochs = 2, BatchSize = 6, Threads = 1, LearningRate = 0.001 }, Normalization.Identity).Train(network, set);
        }

        string original = temp["model"];
        ModelStore.Save(new TrainedModel(network, Manifest()), original);
        var manifest = ModelCopyExporter.Export(original, temp["int8"], ModelManifest.Int8Delta);

        Assert.Equal(ModelManifest.Int8Delta, manifest.WeightsDtype);
        long full = new FileInfo(Path.Combine(original, "weights.bin")).Length;
        long small = new FileInfo(Path.Combine(temp["int8"], "weights.bin")).Length;
        Assert.InRange(small, full * 0.24, full * 0.27);

        using var loaded = ModelStore.Load(temp["int8"]);
        var trained = network.state_dict();
        var start = imagenet.state_dict();
        foreach (var (name, value) in loaded.Network.state_dict())
        {
            using var error = (value - trained[name]).abs().max();
            if (!network.IsTrainedEntry(name) || value.dim() < 2 || value.numel() < 4096)
            {
                Assert.True(value.eq(trained[name]).all().item<bool>(), $"{name}: should be stored exactly");
                continue;
            }

            // Each output row's difference from ImageNet is rounded to 1/127 of its largest: the error is at most half a step.
            using var change = (trained[name] - start[name]).abs().reshape(value.shape[0], -1).amax([1]);
            Assert.True(change.max().item<float>() > 0, $"{name}: training changed nothing");
            Assert.True(error.item<float>() <= change.max().item<float>() / 254 * 1.001, $"{name}: error {error.item<float>()}");
        }

        using var x = rand([4, 3, Size, Size]);
        network.eval();
        float[][] before = Predictor.Probabilities(network, x);
        float[][] after = Predictor.Probabilities(loaded.Network, x);
        double largest = before.Zip(after).Max(p => p.First.Zip(p.Second).Max(q => Math.Abs(q.First - q.Second)));
        Assert.True(largest < 0.01, $"largest probability difference {largest}");

        var ex = Assert.Throws<FaceMaskException>(() => ModelCopyExporter.Export(SavedSeedModel(seed: 8, name: "seed"), temp["seed-int8"], ModelManifest.Int8Delta));
        Assert.Contains("int8 differences are for a fine-tuned ResNet18", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExistingFoldersAndOtherDtypesAreRefused()
    {
        string original = SavedSeedModel(seed: 6);

        var ex = Assert.Throws<FaceMaskException>(() => ModelCopyExporter.Export(original, original, ModelManifest.Float16));
        Assert.Contains("another folder", ex.Message, StringComparison.Ordinal);

        string half = temp["half"];
        ModelCopyExporter.Export(original, half, ModelManifest.Float16);
        ex = Assert.Throws<FaceMaskException>(() => ModelCopyExporter.Export(original, half, ModelManifest.Float16));
        Assert.Contains("already exists", ex.Message, StringComparison.Ordinal);
        ModelCopyExporter.Export(original, half, ModelManifest.Float16, overwrite: true);

        string path = Path.Combine(half, ModelStore.ManifestFile);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["weights_dtype"] = "bfloat16";
        File.WriteAllText(path, json.ToJsonString());
        ex = Assert.Throws<FaceMaskException>(() => ModelStore.Load(half));
        Assert.Contains("model.json: weights_dtype 'bfloat16' is not supported", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandWritesACopyThatPredicts()
    {
        string original = SavedSeedModel(seed: 7);
        string images = SyntheticDataset.Create(temp["data"], classes: 3, perClass: 2, side: 32, seed: 7);

        var (code, text) = CliRunner.Run("export", "--model", original, "--half", temp["half"]);
        Assert.True(code == 0, text);
        Assert.Contains("float16 weights", text, StringComparison.Ordinal);

        (code, text) = CliRunner.Run("predict", "--model", temp["half"], "--csv", Path.Combine(images, "class0"));
        Assert.True(code == 0, text);
        Assert.Equal(1 + 2, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    /// <summary>An untrained seed5 model (32 px, 3 classes) saved as float32; returns its folder.</summary>
    private string SavedSeedModel(int seed, string name = "model")
    {
        TorchRuntime.Configure(1, seed);
        using var network = ModelArchitectures.Create(ModelArchitectures.Seed5, 3, 32);
        string folder = temp[name];
        ModelStore.Save(new TrainedModel(network, Manifest(ModelArchitectures.Seed5, 32)), folder);
        return folder;
    }

    private static ModelManifest Manifest(string arch = ModelArchitectures.ResNet18FineTuned, int size = Size) => new()
    {
        Arch = arch,
        Classes = ["a", "b", "c"],
        InputSize = size,
        Resize = "center-crop",
        Tune = arch == ModelArchitectures.ResNet18FineTuned ? ResNetTuning.Layer4 : null,
        Backbone = arch == ModelArchitectures.ResNet18FineTuned ? BackboneManifest.Of(ResNet18Backbone.Locate()) : null,
        Normalization = arch == ModelArchitectures.ResNet18FineTuned ? Normalization.Identity : Normalization.Half,
    };
}
