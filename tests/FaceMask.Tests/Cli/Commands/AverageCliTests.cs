using System.Text.Json;
using FaceMask.Models;
using FaceMask.ResNet;
using FaceMask.Runtime;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Cli.Commands;

/// <summary><c>facemask average</c> from the command line: the averaged folder and its provenance, and errors that name the problem.</summary>
public sealed class AverageCliTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void TwoFineTunedModelsAreAveragedIntoAFolderThatRecordsItsSources()
    {
        TorchRuntime.Configure(1, 5);
        string a = Save("a", ResNetTuning.Layer4);
        string b = Save("b", ResNetTuning.Layer3);

        var (code, output) = CliRunner.Run("average", a, b, "--weights", "2,1", "--out", temp["avg"]);

        Assert.True(code == 0, output);
        Assert.Contains("tune layer3", output, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp["avg"], ModelStore.ManifestFile)));
        var sources = manifest.RootElement.GetProperty("averaged_from").EnumerateArray().ToList();
        Assert.Equal([a, b], sources.Select(s => s.GetProperty("model").GetString()));
        Assert.Equal(2.0 / 3, sources[0].GetProperty("weight").GetDouble(), 1e-12);
        Assert.Equal("layer3", manifest.RootElement.GetProperty("tune").GetString());
    }

    [Fact]
    public void BadInvocationsFailWithAClearMessageAndExitCode2()
    {
        var (missingOut, output1) = CliRunner.Run("average", temp["x"], temp["y"]);
        Assert.Equal(2, missingOut);
        Assert.Contains("--out", output1, StringComparison.Ordinal);

        var (missingModel, output2) = CliRunner.Run("average", temp["nope"], temp["y"], "--out", temp["o"]);
        Assert.Equal(2, missingModel);
        Assert.Contains("nope", output2, StringComparison.Ordinal);

        var (badWeights, output3) = CliRunner.Run("average", temp["x"], temp["y"], "--weights", "1,abc", "--out", temp["o"]);
        Assert.Equal(2, badWeights);
        Assert.Contains("'abc' is not a number", output3, StringComparison.Ordinal);
    }

    private string Save(string name, string tune)
    {
        using var network = ModelArchitectures.Create(ModelArchitectures.ResNet18FineTuned, 3, 64, tune: tune);
        string dir = temp[name];
        ModelStore.Save(new TrainedModel(network, new ModelManifest
        {
            Arch = ModelArchitectures.ResNet18FineTuned,
            Classes = ["a", "b", "c"],
            InputSize = 64,
            Resize = "center-crop",
            Tune = tune,
            Backbone = BackboneManifest.Of(ResNet18Backbone.Locate()),
            Normalization = Normalization.Identity,
        }), dir);
        return dir;
    }
}
