using System.Text.Json;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Cli.Commands;

/// <summary>Every command with <c>--arch resnet18</c> on a small generated dataset.</summary>
public sealed class ResNetCliTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string data;

    public ResNetCliTests()
    {
        data = ResNetFixture.Dataset(temp, perClass: 8);
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void TrainEvaluatePredictResumeAndKFold()
    {
        string cache = temp["cache"];
        string run = temp["run-train"];
        var (code, output) = CliRunner.Run("train", "--arch", "resnet18", "--data", data, "--epochs", "5", "--threads", "1", "--out", run, "--cache", cache);
        Assert.True(code == 0, output);
        Assert.Contains("resnet18 features of 24 images extracted (image + mirror)", output, StringComparison.Ordinal);
        Assert.Contains("Epoch 5/5, Loss--> ", output, StringComparison.Ordinal);
        string model = Path.Combine(run, "model");
        using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "model.json"))))
        {
            var root = manifest.RootElement;
            Assert.Equal("resnet18", root.GetProperty("arch").GetString());
            Assert.Equal("mlp", root.GetProperty("head").GetString());
            Assert.Equal(224, root.GetProperty("input_size").GetInt32());
            Assert.Equal("center-crop", root.GetProperty("resize").GetString());
            Assert.Equal(2, root.GetProperty("backbone").GetProperty("files").EnumerateObject().Count());
        }

        using (var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "report.json"))))
        {
            Assert.Equal("mlp", report.RootElement.GetProperty("settings").GetProperty("head").GetString());
        }

        (code, output) = CliRunner.Run("evaluate", "--model", model, "--data", data, "--out", temp["run-eval"], "--cache", cache);
        Assert.True(code == 0, output);
        Assert.Contains("resnet18 features from cache", output, StringComparison.Ordinal);

        (code, output) = CliRunner.Run("predict", "--model", model, "--json", Path.Combine(data, "class2"));
        Assert.True(code == 0, output);
        using (var predictions = JsonDocument.Parse(output))
        {
            Assert.Equal(8, predictions.RootElement.GetArrayLength());
            double sum = predictions.RootElement[0].GetProperty("probabilities").EnumerateObject().Sum(p => p.Value.GetDouble());
            Assert.Equal(1.0, sum, 3);
        }

        (code, output) = CliRunner.Run("train", "--data", data, "--resume", model, "--epochs", "2", "--threads", "1", "--out", temp["run-resume"], "--cache", cache);
        Assert.True(code == 0, output);
        using (var resumed = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp["run-resume"], "model", "model.json"))))
        {
            Assert.Equal(7, resumed.RootElement.GetProperty("epochs").GetInt32());
            Assert.Equal("resnet18", resumed.RootElement.GetProperty("arch").GetString());
        }

        (code, output) = CliRunner.Run("kfold", "--arch", "resnet18", "--head", "linear", "--data", data, "--folds", "3", "--epochs", "3", "--threads", "1", "--out", temp["run-kfold"], "--cache", cache);
        Assert.True(code == 0, output);
        Assert.Contains("Fold 3, Epoch 3/3", output, StringComparison.Ordinal);
        Assert.Equal(24 + 1, File.ReadAllLines(Path.Combine(temp["run-kfold"], "predictions.csv")).Length);
    }

    [Theory]
    [InlineData("--augment", "--augment works on pixels")]
    [InlineData("--size 32", "--size 32: resnet18 takes 224 px")]
    [InlineData("--mean 0.4", "--mean/--std")]
    [InlineData("--head deep", "--head deep: unknown head")]
    public void OptionsThatDoNotApplyAreRefused(string option, string message)
    {
        string[] args = ["kfold", "--arch", "resnet18", "--data", data, "--folds", "2", "--epochs", "1", "--out", temp["run"], "--cache", temp["cache"], .. option.Split(' ')];
        var (code, output) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public void HeadIsRefusedForSeedModels()
    {
        var (code, output) = CliRunner.Run("kfold", "--data", data, "--head", "mlp", "--folds", "2", "--epochs", "1", "--out", temp["run"]);
        Assert.Equal(2, code);
        Assert.Contains("--head mlp: only resnet18 has a head", output, StringComparison.Ordinal);
    }
}
