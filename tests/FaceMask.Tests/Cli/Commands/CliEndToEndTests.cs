using System.Text.Json;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Cli.Commands;

/// <summary>The facemask command end to end on a small generated dataset: train, evaluate, predict, resume, kfold, errors.</summary>
public sealed class CliEndToEndTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string data;

    public CliEndToEndTests()
    {
        data = SyntheticDataset.Create(temp["data"], classes: 3, perClass: 24, side: 20, seed: 3);
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void TrainEvaluatePredictAndResume()
    {
        string run = temp["run-train"];
        var (code, output) = CliRunner.Run("train", "--data", data, "--size", "16", "--epochs", "3", "--threads", "1", "--out", run, "--cache", temp["cache"]);
        Assert.True(code == 0, output);
        Assert.Contains("Epoch 3/3, Loss--> ", output, StringComparison.Ordinal);
        Assert.Contains("macro avg", output, StringComparison.Ordinal);
        foreach (string file in new[] { "report.json", "report.md", "predictions.csv", "confusion.png", "confusion_train.png", "model/model.json", "model/weights.bin" })
        {
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        }

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "report.json")));
        var root = report.RootElement;
        Assert.Equal(3, root.GetProperty("labels").GetArrayLength());
        Assert.Equal(3, root.GetProperty("per_class").GetArrayLength());
        Assert.True(root.TryGetProperty("macro", out _));
        Assert.True(root.TryGetProperty("weighted", out _));
        Assert.Equal(3, root.GetProperty("confusion_matrix").GetArrayLength());
        string[] csv = File.ReadAllLines(Path.Combine(run, "predictions.csv"));
        Assert.Equal("path,true,pred,p_class0,p_class1,p_class2", csv[0]);
        Assert.Equal(root.GetProperty("test").GetProperty("support").GetInt32(), csv.Length - 1);

        string model = Path.Combine(run, "model");
        (code, output) = CliRunner.Run("evaluate", "--model", model, "--data", data, "--out", temp["run-eval"], "--cache", temp["cache"]);
        Assert.True(code == 0, output);
        Assert.True(File.Exists(Path.Combine(temp["run-eval"], "report.json")));

        (code, output) = CliRunner.Run("predict", "--model", model, "--json", Path.Combine(data, "class1"));
        Assert.True(code == 0, output);
        using var predictions = JsonDocument.Parse(output);
        Assert.Equal(24, predictions.RootElement.GetArrayLength());
        var first = predictions.RootElement[0];
        Assert.Equal(3, first.GetProperty("probabilities").EnumerateObject().Count());
        double sum = first.GetProperty("probabilities").EnumerateObject().Sum(p => p.Value.GetDouble());
        Assert.Equal(1.0, sum, 3);

        (code, output) = CliRunner.Run("train", "--data", data, "--resume", model, "--epochs", "1", "--threads", "1", "--out", temp["run-resume"], "--cache", temp["cache"]);
        Assert.True(code == 0, output);
        using var resumed = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp["run-resume"], "model", "model.json")));
        Assert.Equal(4, resumed.RootElement.GetProperty("epochs").GetInt32());
    }

    [Fact]
    public void KFoldWritesFoldsMeanAndSd()
    {
        string run = temp["run-kfold"];
        var (code, output) = CliRunner.Run("kfold", "--data", data, "--size", "16", "--folds", "3", "--epochs", "2", "--threads", "1", "--out", run, "--cache", temp["cache"]);
        Assert.True(code == 0, output);
        Assert.Contains("Fold 3, Epoch 2/2", output, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "report.json")));
        var root = report.RootElement;
        Assert.Equal(3, root.GetProperty("folds").GetArrayLength());
        Assert.True(root.GetProperty("mean").TryGetProperty("accuracy", out _));
        Assert.True(root.GetProperty("sd").TryGetProperty("accuracy", out _));
        string[] csv = File.ReadAllLines(Path.Combine(run, "predictions.csv"));
        Assert.Equal(72 + 1, csv.Length);
        Assert.EndsWith(",fold", csv[0], StringComparison.Ordinal);
    }

    [Fact]
    public void MismatchedModelAndDataIsAClearError()
    {
        string run = temp["run-a"];
        var (code, output) = CliRunner.Run("train", "--data", data, "--size", "16", "--epochs", "1", "--threads", "1", "--out", run, "--cache", temp["cache"]);
        Assert.True(code == 0, output);
        string other = SyntheticDataset.Create(temp["other"], classes: 4, perClass: 5, side: 20, seed: 4);
        (code, output) = CliRunner.Run("evaluate", "--model", Path.Combine(run, "model"), "--data", other, "--out", temp["run-b"], "--cache", temp["cache"]);
        Assert.Equal(2, code);
        Assert.Contains("do not match the model's", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ExistingOutputFolderIsNotOverwritten()
    {
        string run = temp["taken"];
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "mine.txt"), "keep me");
        var (code, output) = CliRunner.Run("train", "--data", data, "--epochs", "1", "--out", run, "--cache", temp["cache"]);
        Assert.Equal(2, code);
        Assert.Contains("exists and is not empty", output, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(run, "mine.txt")));
    }

    [Fact]
    public void MissingModelFolderIsAClearErrorNotATrace()
    {
        var (code, output) = CliRunner.Run("predict", "--model", temp["nothing"], data);
        Assert.Equal(2, code);
        Assert.Contains("no such model folder", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void DataStatsPrintsTheClassTable()
    {
        var (code, output) = CliRunner.Run("data", "stats", "--data", data, "--cache", temp["cache"]);
        Assert.True(code == 0, output);
        Assert.Contains("class0", output, StringComparison.Ordinal);
        Assert.Contains("72", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AugmentWritesABalancedCopyAndNeverIntoTheSource()
    {
        string output = temp["augmented"];
        var (code, text) = CliRunner.Run("augment", "--data", data, "--out", output, "--per-class", "30", "--seed", "2");
        Assert.True(code == 0, text);
        Assert.Contains("Writing images: 45/90", text, StringComparison.Ordinal);
        foreach (string cls in new[] { "class0", "class1", "class2" })
        {
            Assert.Equal(30, Directory.GetFiles(Path.Combine(output, cls)).Length);
        }

        (code, text) = CliRunner.Run("augment", "--data", data, "--out", Path.Combine(data, "inside"), "--per-class", "30");
        Assert.Equal(2, code);
        Assert.False(Directory.Exists(Path.Combine(data, "inside")));
    }

    [Fact]
    public void BadImagesAreSkippedWithAWarningOrStopStrictRuns()
    {
        string bad = Path.Combine(data, "class1", "broken.jpg");
        File.WriteAllText(bad, "this is not a JPEG");
        var (code, output) = CliRunner.Run("data", "stats", "--data", data, "--cache", temp["cache"]);
        Assert.True(code == 0, output);
        Assert.Contains("Skipped 1 file(s)", output, StringComparison.Ordinal);
        Assert.Contains("class1/broken.jpg", output, StringComparison.Ordinal);

        (code, output) = CliRunner.Run("train", "--data", data, "--strict", "--epochs", "1", "--out", temp["strict-run"], "--cache", temp["cache"]);
        Assert.Equal(2, code);
        Assert.Contains("broken.jpg", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp["strict-run"]));
    }
}
