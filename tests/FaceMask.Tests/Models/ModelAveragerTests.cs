using FaceMask.Models;
using FaceMask.ResNet;
using FaceMask.Runtime;
using FaceMask.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace FaceMask.Tests.Models;

/// <summary>Averaging fine-tuned models (<c>facemask average</c>): the weighted mean of their weights, refused for models that did not start alike.</summary>
public sealed class ModelAveragerTests : IDisposable
{
    private const int Size = 64;

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void TheAverageHoldsTheWeightedMeanOfEveryTrainedEntryAndTheWidestTuning()
    {
        TorchRuntime.Configure(1, 5);
        string layer4 = SaveTrained("l4", ResNetTuning.Layer4, shift: 0.01f);
        string layer3 = SaveTrained("l3", ResNetTuning.Layer3, shift: -0.03f);

        var result = ModelAverager.Average([layer4, layer3], [1, 3], temp["avg"]);

        Assert.Equal(ResNetTuning.Layer3, result.Manifest.Tune);
        Assert.Null(result.Manifest.Calibration);
        Assert.Equal(ModelManifest.Float32, result.Manifest.WeightsDtype);
        Assert.Equal([0.25, 0.75], result.Manifest.AveragedFrom!.Select(s => s.Weight));
        Assert.Equal([ResNetTuning.Layer4, ResNetTuning.Layer3], result.Manifest.AveragedFrom!.Select(s => s.Tune));
        Assert.Contains(result.Notes, n => n.Contains("calibration", StringComparison.Ordinal));

        using var a = ModelStore.Load(layer4);
        using var b = ModelStore.Load(layer3);
        using var averaged = ModelStore.Load(temp["avg"]);
        var (sa, sb) = (a.Network.state_dict(), b.Network.state_dict());
        int checkedEntries = 0;
        foreach (var (name, value) in averaged.Network.state_dict().Where(e => e.Value.is_floating_point()))
        {
            using var expected = (sa[name].to(ScalarType.Float64) * 0.25) + (sb[name].to(ScalarType.Float64) * 0.75);
            using var error = (value.to(ScalarType.Float64) - expected).abs().max();
            Assert.True(error.item<double>() < 1e-6, $"{name}: off the weighted mean by {error.item<double>()}");
            checkedEntries++;
        }

        Assert.True(checkedEntries > 60);

        // layer3 differs between the sources (one trained it), layer2 does not (neither did): the average must show both.
        Assert.False(sa["blocks.4.first.conv.weight"].eq(sb["blocks.4.first.conv.weight"]).all().item<bool>());
        Assert.True(averaged.Network.state_dict()["blocks.2.first.conv.weight"].eq(sa["blocks.2.first.conv.weight"]).all().item<bool>());
    }

    [Fact]
    public void ModelsThatDidNotStartAlikeAreRefusedWithTheFolderNamed()
    {
        TorchRuntime.Configure(1, 5);
        string first = SaveTrained("first", ResNetTuning.Layer4, shift: 0.01f);
        string otherSeed = SaveTrained("seed1", ResNetTuning.Layer4, shift: 0.02f, manifest: m => m with { Seed = 1 });
        string otherClasses = SaveTrained("classes", ResNetTuning.Layer4, shift: 0.02f, manifest: m => m with { Classes = ["a", "c", "b"] });

        var seed = Assert.Throws<FaceMaskException>(() => ModelAverager.Average([first, otherSeed], null, temp["out1"]));
        Assert.Contains(otherSeed, seed.Message, StringComparison.Ordinal);
        Assert.Contains("seed 1", seed.Message, StringComparison.Ordinal);
        var classes = Assert.Throws<FaceMaskException>(() => ModelAverager.Average([first, otherClasses], null, temp["out2"]));
        Assert.Contains("classes [a, c, b]", classes.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp["out1"]) && Directory.EnumerateFileSystemEntries(temp["out1"]).Any());

        var weights = Assert.Throws<FaceMaskException>(() => ModelAverager.Average([first, first], [1, -1], temp["out3"]));
        Assert.Contains("positive", weights.Message, StringComparison.Ordinal);
        Assert.Throws<FaceMaskException>(() => ModelAverager.Average([first], null, temp["out4"]));
    }

    [Fact]
    public void SeedModelsAreRefusedAndAnExistingFolderIsKept()
    {
        TorchRuntime.Configure(1, 5);
        using var seed = ModelArchitectures.Create(ModelArchitectures.Seed5, 3, 32);
        string seedDir = temp["seed"];
        ModelStore.Save(new TrainedModel(seed, new ModelManifest { Arch = ModelArchitectures.Seed5, Classes = ["a", "b", "c"], InputSize = 32, Normalization = Normalization.Half }), seedDir);
        var error = Assert.Throws<FaceMaskException>(() => ModelAverager.Average([seedDir, seedDir], null, temp["out"]));
        Assert.Contains("only fine-tuned ResNet18", error.Message, StringComparison.Ordinal);

        string ft = SaveTrained("ft", ResNetTuning.Layer4, shift: 0.01f);
        string existing = temp["existing"];
        Directory.CreateDirectory(existing);
        File.WriteAllText(Path.Combine(existing, "notes.txt"), "mine");
        Assert.Throws<FaceMaskException>(() => ModelAverager.Average([ft, ft], null, existing));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(existing, "notes.txt")));
    }

    /// <summary>A fine-tuned network whose trained entries are moved away from ImageNet (as training would), saved.</summary>
    private string SaveTrained(string name, string tune, float shift, Func<ModelManifest, ModelManifest>? manifest = null)
    {
        using var network = (ResNet18Network)ModelArchitectures.Create(ModelArchitectures.ResNet18FineTuned, 3, Size, tune: tune);
        using (no_grad())
        {
            manual_seed(name.Length);
            foreach (var (entry, value) in network.state_dict().Where(e => network.IsTrainedEntry(e.Key) && e.Value.is_floating_point() && !e.Key.Contains("running_var", StringComparison.Ordinal)))
            {
                value.add_(randn_like(value) * shift);
            }
        }

        var m = new ModelManifest
        {
            Arch = ModelArchitectures.ResNet18FineTuned,
            Classes = ["a", "b", "c"],
            InputSize = Size,
            Resize = "center-crop",
            Tune = tune,
            Backbone = BackboneManifest.Of(ResNet18Backbone.Locate()),
            Normalization = Normalization.Identity,
            Calibration = new CalibrationSettings { Temperature = 1.2, UnsureBelow = 0.6 },
        };
        string dir = temp[name];
        ModelStore.Save(new TrainedModel(network, manifest?.Invoke(m) ?? m), dir);
        return dir;
    }
}
