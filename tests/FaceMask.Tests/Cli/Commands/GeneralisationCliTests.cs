using System.Text.Json;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Cli.Commands;

public sealed class GeneralisationCliTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private string DatasetWithSources()
    {
        string data = SyntheticDataset.Create(temp["data"], classes: 2, perClass: 12, side: 16, seed: 4);
        var lines = new List<string> { "path,source" };
        foreach (string file in Directory.EnumerateFiles(data, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(data, file).Replace('\\', '/');
            int number = int.Parse(Path.GetFileNameWithoutExtension(file)[3..], System.Globalization.CultureInfo.InvariantCulture);
            lines.Add($"{relative},{(number % 2 == 0 ? "even/site" : "odd/site")}");
        }

        File.WriteAllLines(temp["info.csv"], lines);
        return data;
    }

    [Fact]
    public void LeaveOneGroupOutRunsOneFoldPerSourceAndRecordsThem()
    {
        string data = DatasetWithSources();
        string run = temp["run"];
        var (code, output) = CliRunner.Run("kfold", "--data", data, "--size", "16", "--epochs", "2", "--threads", "1", "--out", run, "--cache", temp["cache"],
            "--groups", temp["info.csv"], "--group-column", "source", "--leave-one-group-out");
        Assert.True(code == 0, output);
        Assert.Contains("Held-out groups", output, StringComparison.Ordinal);
        Assert.Contains("held out even/site: 12 images", output, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "report.json")));
        Assert.Equal(2, report.RootElement.GetProperty("folds").GetArrayLength());
        Assert.Equal("1=even/site;2=odd/site", report.RootElement.GetProperty("settings").GetProperty("leave_one_group_out").GetString());
    }

    [Fact]
    public void LeaveOneGroupOutWithFoldsOrWithoutGroupsIsRefused()
    {
        string data = DatasetWithSources();
        var (code, output) = CliRunner.Run("kfold", "--data", data, "--size", "16", "--leave-one-group-out", "--folds", "3", "--groups", temp["info.csv"], "--out", temp["run-a"]);
        Assert.NotEqual(0, code);
        Assert.Contains("takes no --folds", output, StringComparison.Ordinal);
        (code, output) = CliRunner.Run("kfold", "--data", data, "--size", "16", "--leave-one-group-out", "--out", temp["run-b"]);
        Assert.NotEqual(0, code);
        Assert.Contains("needs --groups", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CleanTrainLabelsWritesTheFlaggedLabelsFile()
    {
        string data = SyntheticDataset.Create(temp["data"], classes: 2, perClass: 12, side: 16, seed: 4);
        string run = temp["run"];
        var (code, output) = CliRunner.Run("kfold", "--data", data, "--size", "16", "--folds", "2", "--epochs", "2", "--threads", "1", "--out", run, "--cache", temp["cache"],
            "--clean-train-labels", "--clean-folds", "3");
        Assert.True(code == 0, output);
        Assert.Contains("Label cleaning:", output, StringComparison.Ordinal);
        string[] lines = File.ReadAllLines(Path.Combine(run, "flagged_labels.csv"));
        Assert.Equal("path,given,suggested,p_given,p_suggested,fold", lines[0]);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "report.json")));
        Assert.Equal("3", report.RootElement.GetProperty("settings").GetProperty("clean_folds").GetString());
    }
}
