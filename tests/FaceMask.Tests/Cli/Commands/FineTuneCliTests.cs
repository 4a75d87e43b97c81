using System.Text.Json;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Cli.Commands;

/// <summary>Every command with <c>--arch resnet18-ft</c> on a small generated dataset, one epoch at 64 px.</summary>
public sealed class FineTuneCliTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string data;

    public FineTuneCliTests()
    {
        data = ResNetFixture.Dataset(temp, perClass: 6);
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void TrainEvaluatePredictResumeAndKFold()
    {
        string cache = temp["cache"];
        string run = temp["run-train"];
        var (code, output) = CliRunner.Run("train", "--arch", "resnet18-ft", "--size", "64", "--data", data, "--epochs", "1", "--batch", "8", "--out", run, "--cache", cache);
        Assert.True(code == 0, output);
        Assert.Contains("Epoch 1/1, Loss--> ", output, StringComparison.Ordinal);
        string model = Path.Combine(run, "model");
        using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "model.json"))))
        {
            var root = manifest.RootElement;
            Assert.Equal("resnet18-ft", root.GetProperty("arch").GetString());
            Assert.Equal("layer4", root.GetProperty("tune").GetString());
            Assert.Equal(64, root.GetProperty("input_size").GetInt32());
            Assert.Equal("center-crop", root.GetProperty("resize").GetString());
            Assert.False(root.TryGetProperty("head", out _));
            Assert.Equal(2, root.GetProperty("backbone").GetProperty("files").EnumerateObject().Count());
        }

        Assert.Contains("fine-tuned on augmented pixels", File.ReadAllText(Path.Combine(model, "MODEL_CARD.md")), StringComparison.Ordinal);

        // The whole network is saved (about 45 MB for 11 million floats), not only the classifier.
        Assert.True(new FileInfo(Path.Combine(model, "weights.bin")).Length > 40_000_000);
        using (var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "report.json"))))
        {
            var settings = report.RootElement.GetProperty("settings");
            Assert.Equal("layer4", settings.GetProperty("tune").GetString());
            Assert.Equal("true", settings.GetProperty("augment").GetString());
            Assert.Equal("0.0001", settings.GetProperty("lr").GetString());
        }

        (code, output) = CliRunner.Run("evaluate", "--model", model, "--data", data, "--out", temp["run-eval"], "--cache", cache);
        Assert.True(code == 0, output);

        (code, output) = CliRunner.Run("predict", "--model", model, "--json", Path.Combine(data, "class2"));
        Assert.True(code == 0, output);
        using (var predictions = JsonDocument.Parse(output))
        {
            Assert.Equal(6, predictions.RootElement.GetArrayLength());
            double sum = predictions.RootElement[0].GetProperty("probabilities").EnumerateObject().Sum(p => p.Value.GetDouble());
            Assert.Equal(1.0, sum, 3);
        }

        (code, output) = CliRunner.Run("train", "--data", data, "--resume", model, "--epochs", "1", "--batch", "8", "--out", temp["run-resume"], "--cache", cache);
        Assert.True(code == 0, output);
        using (var resumed = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp["run-resume"], "model", "model.json"))))
        {
            Assert.Equal(2, resumed.RootElement.GetProperty("epochs").GetInt32());
            Assert.Equal("resnet18-ft", resumed.RootElement.GetProperty("arch").GetString());
            Assert.Equal(64, resumed.RootElement.GetProperty("input_size").GetInt32());
        }

        // Bias reports and comparisons take the model and runs like any other.
        string attributes = temp["attributes.csv"];
        File.WriteAllLines(attributes, Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select((f, i) => $"{Path.GetRelativePath(data, f).Replace('\\', '/')},{(i % 2 == 0 ? "a" : "b")}").Prepend("path,side"));
        (code, output) = CliRunner.Run("bias", "--model", model, "--data", data, "--attributes", attributes, "--bootstrap", "50", "--out", temp["run-bias"], "--cache", cache);
        Assert.True(code == 0, output);
        Assert.True(File.Exists(Path.Combine(temp["run-bias"], "bias.json")), output);
        (code, output) = CliRunner.Run("compare", run, temp["run-resume"], "--bootstrap", "50", "--out", temp["run-compare"]);
        Assert.True(code == 0, output);
        Assert.True(File.Exists(Path.Combine(temp["run-compare"], "compare.json")), output);

        (code, output) = CliRunner.Run("kfold", "--arch", "resnet18-ft", "--tune", "all", "--size", "64", "--data", data, "--folds", "2", "--epochs", "1", "--batch", "8", "--out", temp["run-kfold"], "--cache", cache,
            "--lr-schedule", "cosine", "--classifier-lr-factor", "10", "--label-smoothing", "0.1", "--augment-policy", "strong", "--average-weights-from", "0.5");
        Assert.True(code == 0, output);
        Assert.Contains("Fold 2, Epoch 1/1", output, StringComparison.Ordinal);
        Assert.Equal(18 + 1, File.ReadAllLines(Path.Combine(temp["run-kfold"], "predictions.csv")).Length);
        using (var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp["run-kfold"], "report.json"))))
        {
            var settings = report.RootElement.GetProperty("settings");
            Assert.Equal("cosine", settings.GetProperty("lr_schedule").GetString());
            Assert.Equal("10", settings.GetProperty("classifier_lr_factor").GetString());
            Assert.Equal("0.1", settings.GetProperty("label_smoothing").GetString());
            Assert.Equal("strong", settings.GetProperty("augment_policy").GetString());
            Assert.Equal("0.5", settings.GetProperty("average_weights_from").GetString());
        }
    }

    [Theory]
    [InlineData("--arch resnet18-ft --size 40", "--size 40: the fine-tuned ResNet18 takes a multiple of 16 px")]
    [InlineData("--arch resnet18-ft --mean 0.4", "--mean/--std")]
    [InlineData("--arch resnet18-ft --head mlp", "--head mlp")]
    [InlineData("--arch resnet18-ft --tune layer2", "--tune layer2: unknown")]
    [InlineData("--arch seed5 --tune layer4", "--tune layer4: only resnet18-ft")]
    [InlineData("--arch seed5 --classifier-lr-factor 10", "--classifier-lr-factor: only resnet18-ft")]
    [InlineData("--arch resnet18-ft --lr-schedule steps", "--lr-schedule steps: unknown schedule")]
    [InlineData("--arch resnet18-ft --label-smoothing 1", "--label-smoothing must be")]
    [InlineData("--arch resnet18-ft --average-weights-from 1", "--average-weights-from must be at least 0 and below 1")]
    [InlineData("--arch resnet18-ft --augment-policy wild", "--augment-policy wild: unknown policy")]
    [InlineData("--arch resnet18 --augment-policy strong", "--augment works on pixels")]
    public void OptionsThatDoNotApplyAreRefused(string options, string message)
    {
        string[] args = ["kfold", "--data", data, "--folds", "2", "--epochs", "1", "--out", temp["run"], "--cache", temp["cache"], .. options.Split(' ')];
        var (code, output) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }
}
