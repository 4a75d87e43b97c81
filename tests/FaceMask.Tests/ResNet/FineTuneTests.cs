using System.Text.Json.Nodes;
using FaceMask.Models;
using FaceMask.ResNet;
using FaceMask.Tests.Support;
using FaceMask.Training;
using Xunit;
using static TorchSharp.torch;

namespace FaceMask.Tests.ResNet;

/// <summary>The fine-tuned ResNet18: what trains, what stays frozen, and saved models.</summary>
public sealed class FineTuneTests : IDisposable
{
    private const int Size = 64;

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("layer4", 6)]
    [InlineData("layer3", 4)]
    public void OnlyTheTunedStagesAndTheClassifierChange(string tune, int firstTrainedBlock)
    {
        using var network = (ResNet18Network)ModelArchitectures.Create(ModelArchitectures.ResNet18FineTuned, 3, Size, tune: tune);
        var before = network.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
        (byte[] pixels, int[] labels) = SyntheticPixels.Make(classes: 3, perClass: 4, size: Size, seed: 2);
        using var set = TensorSet.FromPixels(pixels, labels, Size, Enumerable.Range(0, labels.Length).ToArray(), Normalization.Identity);
        var options = new TrainingOptions { Epochs = 1, BatchSize = 6, Threads = 1, Augment = true, LearningRate = 0.001 };
        new Trainer(options, Normalization.Identity).Train(network, set);

        var after = network.state_dict();
        Assert.Contains("stem.conv.weight", after.Keys);
        foreach (var (name, value) in before)
        {
            bool trained = name.StartsWith("classifier.", StringComparison.Ordinal) ||
                (name.StartsWith("blocks.", StringComparison.Ordinal) && int.Parse(name.Split('.')[1]) >= firstTrainedBlock);
            bool same = value.eq(after[name]).all().item<bool>();
            Assert.True(trained == network.IsTrainedEntry(name), $"{name}: IsTrainedEntry says {network.IsTrainedEntry(name)}"); // what a model folder stores
            if (name.EndsWith("num_batches_tracked", StringComparison.Ordinal) || name == "mean")
            {
                continue;
            }

            Assert.True(trained != same, $"{name}: {(trained ? "should have trained" : "should be frozen")}");
        }
    }

    [Fact]
    public void TheClassifierLearnsAtItsOwnRate()
    {
        // Adam's first step moves every parameter with a gradient by about the learning rate (m / sqrt(v) = ±1), so
        // one step shows each parameter group's rate: 1e-4 for layer4, 10 × 1e-4 for the new classifier.
        const double Rate = 1e-4;
        using var network = (ResNet18Network)ModelArchitectures.Create(ModelArchitectures.ResNet18FineTuned, 3, Size, tune: "layer4");
        var before = network.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
        (byte[] pixels, int[] labels) = SyntheticPixels.Make(classes: 3, perClass: 4, size: Size, seed: 3);
        using var set = TensorSet.FromPixels(pixels, labels, Size, Enumerable.Range(0, labels.Length).ToArray(), Normalization.Identity);
        var options = new TrainingOptions { Epochs = 1, BatchSize = labels.Length, Threads = 1, LearningRate = Rate, NewLayersRateFactor = 10 };
        new Trainer(options, Normalization.Identity).Train(network, set);

        var after = network.state_dict();
        double Largest(string prefix) => before.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal) && p.Key.EndsWith("weight", StringComparison.Ordinal))
            .Max(p => (after[p.Key] - p.Value).abs().max().item<float>());
        Assert.InRange(Largest("classifier."), 9.5 * Rate, 10.05 * Rate);
        Assert.InRange(Largest("blocks.8."), 0.95 * Rate, 1.005 * Rate);
    }

    [Fact]
    public void SavedModelPredictsTheSameAfterLoading()
    {
        using var network = ModelArchitectures.Create(ModelArchitectures.ResNet18FineTuned, 3, Size);
        var manifest = new ModelManifest
        {
            Arch = ModelArchitectures.ResNet18FineTuned,
            Classes = ["a", "b", "c"],
            InputSize = Size,
            Resize = "center-crop",
            Tune = ResNetTuning.Layer4,
            Backbone = BackboneManifest.Of(ResNet18Backbone.Locate()),
            Normalization = Normalization.Identity,
        };
        string folder = temp["model"];
        ModelStore.Save(new TrainedModel(network, manifest), folder);
        using var x = rand([2, 3, Size, Size]);
        network.eval();
        float[][] expected = Predictor.Probabilities(network, x);
        using var loaded = ModelStore.Load(folder);
        Assert.Equal(expected, Predictor.Probabilities(loaded.Network, x));

        // Only what training changes is stored: layer4 (three blocks in this backbone) and the classifier, about 82 % of the whole state.
        Assert.Equal(ModelManifest.TunedWeights, ModelStore.ReadManifest(folder).WeightsScope);
        string whole = temp["whole.bin"];
        network.save(whole);
        Assert.InRange(new FileInfo(Path.Combine(folder, "weights.bin")).Length, 0.75 * new FileInfo(whole).Length, 0.9 * new FileInfo(whole).Length);

        // A model whose network came from other backbone files is refused.
        string path = Path.Combine(folder, ModelStore.ManifestFile);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["backbone"]!["files"]![ResNet18Backbone.NetworkFile] = new string('0', 64);
        File.WriteAllText(path, json.ToJsonString());
        var ex = Assert.Throws<FaceMaskException>(() => ModelStore.Load(folder));
        Assert.Contains(ResNet18Backbone.NetworkFile, ex.Message, StringComparison.Ordinal);
    }
}
