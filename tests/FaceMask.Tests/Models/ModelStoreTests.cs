using System.Text.Json.Nodes;
using FaceMask.Models;
using FaceMask.Runtime;
using FaceMask.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace FaceMask.Tests.Models;

public sealed class ModelStoreTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private string SaveSample(string name = "model")
    {
        TorchRuntime.Configure(1, 3);
        var manifest = new ModelManifest { Arch = "seed4", Classes = ["a", "b", "c"], InputSize = 16, Normalization = Normalization.Half };
        using var model = new TrainedModel(ModelArchitectures.Create("seed4", 3, 16), manifest);
        string dir = temp[name];
        ModelStore.Save(model, dir);
        return dir;
    }

    [Fact]
    public void RoundTripGivesTheSameOutputs()
    {
        TorchRuntime.Configure(1, 3);
        var manifest = new ModelManifest { Arch = "seed5", Classes = ["a", "b"], InputSize = 16, Normalization = Normalization.Half, Seed = 3 };
        using var model = new TrainedModel(ModelArchitectures.Create("seed5", 2, 16), manifest);
        model.Network.eval();
        string dir = temp["m"];
        ModelStore.Save(model, dir);
        using var loaded = ModelStore.Load(dir);
        using var scope = NewDisposeScope();
        var x = randn(4, 3, 16, 16);
        Assert.True(model.Network.forward(x).allclose(loaded.Network.forward(x), rtol: 0, atol: 0));
        Assert.Equal(["a", "b"], loaded.Manifest.Classes);
        Assert.NotNull(loaded.Manifest.WeightsSha256);
        Assert.True(File.Exists(Path.Combine(dir, "model.json")));
        Assert.Empty(Directory.GetDirectories(temp.Path, ".*tmp"));
    }

    [Fact]
    public void SaveRefusesToOverwriteAnExistingModel()
    {
        string dir = SaveSample();
        var manifest = new ModelManifest { Arch = "seed4", Classes = ["a", "b", "c"], InputSize = 16, Normalization = Normalization.Half };
        using var model = new TrainedModel(ModelArchitectures.Create("seed4", 3, 16), manifest);
        var ex = Assert.Throws<FaceMaskException>(() => ModelStore.Save(model, dir));
        Assert.Contains("already exists", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFolderIsAClearError()
    {
        var ex = Assert.Throws<FaceMaskException>(() => ModelStore.Load(temp["nope"]));
        Assert.Contains("no such model folder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FolderWithoutManifestIsAClearError()
    {
        Directory.CreateDirectory(temp["empty"]);
        var ex = Assert.Throws<FaceMaskException>(() => ModelStore.Load(temp["empty"]));
        Assert.Contains("no model.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptManifestIsAClearError()
    {
        string dir = SaveSample();
        File.WriteAllText(Path.Combine(dir, "model.json"), "{ \"arch\": \"seed4\", ");
        var ex = Assert.Throws<FaceMaskException>(() => ModelStore.Load(dir));
        Assert.Contains("corrupt model manifest", ex.Message, StringComparison.Ordinal);
        Assert.Contains("model.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedWeightsAreDetected()
    {
        string dir = SaveSample();
        string weights = Path.Combine(dir, "weights.bin");
        byte[] bytes = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, bytes[..(bytes.Length / 2)]);
        var ex = Assert.Throws<FaceMaskException>(() => ModelStore.Load(dir));
        Assert.Contains("truncated or corrupt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingWeightsAreNamed()
    {
        string dir = SaveSample();
        File.Delete(Path.Combine(dir, "weights.bin"));
        var ex = Assert.Throws<FaceMaskException>(() => ModelStore.Load(dir));
        Assert.Contains("weights file is missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WeightsThatDoNotFitTheManifestAreAClearError()
    {
        string dir = SaveSample();
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "model.json")))!;
        json["arch"] = "seed5";
        json["weights_sha256"] = null;
        File.WriteAllText(Path.Combine(dir, "model.json"), json.ToJsonString());
        var ex = Assert.Throws<FaceMaskException>(() => ModelStore.Load(dir));
        Assert.Contains("do not fit a seed5 model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownArchitectureInManifestIsNamed()
    {
        string dir = SaveSample();
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "model.json")))!;
        json["arch"] = "transformer";
        File.WriteAllText(Path.Combine(dir, "model.json"), json.ToJsonString());
        var ex = Assert.Throws<FaceMaskException>(() => ModelStore.Load(dir));
        Assert.Contains("unknown architecture 'transformer'", ex.Message, StringComparison.Ordinal);
    }
}
