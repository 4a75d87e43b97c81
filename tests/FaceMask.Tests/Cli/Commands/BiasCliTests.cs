using System.Text;
using System.Text.Json;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Cli.Commands;

/// <summary>bias, kfold --attributes / --balance-by and compare end to end on a small generated dataset.</summary>
public sealed class BiasCliTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string data;
    private readonly string attributes;

    public BiasCliTests()
    {
        data = SyntheticDataset.Create(temp["data"], classes: 3, perClass: 24, side: 20, seed: 5);
        var csv = new StringBuilder("path,gender,age\n");
        int i = 0;
        foreach (string file in Directory.EnumerateFiles(data, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(data, file).Replace('\\', '/');
            string gender = i % 5 == 4 ? string.Empty : (i % 3 == 0 ? "female" : "male");
            string age = i % 4 == 0 ? "old" : string.Empty;
            csv.Append(relative).Append(',').Append(gender).Append(',').Append(age).Append('\n');
            i++;
        }

        csv.Append("class0/not_there.png,male,old\n");
        attributes = temp["attributes.csv"];
        File.WriteAllText(attributes, csv.ToString());
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void KFoldWithAttributesThenBalancedRunThenCompare()
    {
        string plain = temp["run-plain"];
        var (code, output) = Run("kfold", "--data", data, "--size", "16", "--folds", "2", "--epochs", "1", "--threads", "1",
            "--attributes", attributes, "--bootstrap", "200", "--out", plain, "--cache", temp["cache"]);
        Assert.True(code == 0, output);
        Assert.Contains("Bias analysis", output, StringComparison.Ordinal);
        foreach (string file in new[] { "bias.json", "bias.md", "bias_gender.png", "bias_age.png", "bias_gender_x_age.png" })
        {
            Assert.True(File.Exists(Path.Combine(plain, file)), file);
        }

        using (var bias = JsonDocument.Parse(File.ReadAllText(Path.Combine(plain, "bias.json"))))
        {
            var root = bias.RootElement;
            Assert.Equal(72, root.GetProperty("overall").GetProperty("count").GetInt32());
            var gender = root.GetProperty("attributes")[0];
            Assert.Equal("gender", gender.GetProperty("name").GetString());
            int labelled = gender.GetProperty("labelled").GetInt32();
            Assert.Equal(72 - (72 / 5), labelled);
            Assert.Equal(1, root.GetProperty("coverage").GetProperty("unmatched_path_count").GetInt32());
            Assert.Equal("class0/not_there.png", root.GetProperty("coverage").GetProperty("unmatched_paths")[0].GetString());
            var accuracy = gender.GetProperty("groups")[0].GetProperty("metrics").GetProperty("accuracy");
            Assert.True(accuracy.GetProperty("low").GetDouble() <= accuracy.GetProperty("value").GetDouble());
        }

        string balanced = temp["run-balanced"];
        (code, output) = Run("kfold", "--data", data, "--size", "16", "--folds", "2", "--epochs", "1", "--threads", "1",
            "--attributes", attributes, "--balance-by", "gender", "--bootstrap", "200", "--out", balanced, "--cache", temp["cache"]);
        Assert.True(code == 0, output);
        Assert.Contains("Loss weights balancing gender", output, StringComparison.Ordinal);

        string compare = temp["compare"];
        (code, output) = Run("compare", plain, balanced, "--bootstrap", "200", "--out", compare);
        Assert.True(code == 0, output);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(compare, "compare.json")));
        var c = doc.RootElement;
        Assert.Equal(4, c.GetProperty("metrics").GetArrayLength());
        Assert.Equal("paired bootstrap", c.GetProperty("runs")[1].GetProperty("method").GetString());
        Assert.Equal("gender", c.GetProperty("runs")[1].GetProperty("balanced_by").GetString());
        Assert.True(c.GetProperty("groups").GetArrayLength() > 0);
        Assert.True(c.GetProperty("gaps").GetArrayLength() > 0);
        var baseline = c.GetProperty("runs")[0];
        Assert.Equal("seed5", baseline.GetProperty("arch").GetString());
        Assert.Equal("stratified 2-fold cross-validation", baseline.GetProperty("protocol").GetString());
        Assert.InRange(baseline.GetProperty("fold_accuracy").GetDouble(), 0, 1);
        Assert.True(baseline.GetProperty("fold_accuracy_sd").GetDouble() >= 0);
        Assert.Equal(3, baseline.GetProperty("per_class").GetArrayLength());
        Assert.True(baseline.GetProperty("wall_seconds").GetDouble() > 0);
        string md = File.ReadAllText(Path.Combine(compare, "compare.md"));
        Assert.Contains("| Accuracy |", md, StringComparison.Ordinal);
        Assert.Contains("## Runs at a glance", md, StringComparison.Ordinal);
        Assert.Contains("| A | seed5 | stratified 2-fold cross-validation |", md, StringComparison.Ordinal);
        Assert.Contains("F1 class0 |", md, StringComparison.Ordinal);
        Assert.Contains("A (old)", md, StringComparison.Ordinal);

        // The same analysis from the run folder's predictions.csv gives the same per-group figures.
        string again = temp["run-bias-again"];
        (code, output) = Run("bias", "--run", plain, "--attributes", attributes, "--bootstrap", "200", "--out", again);
        Assert.True(code == 0, output);
        using var first = JsonDocument.Parse(File.ReadAllText(Path.Combine(plain, "bias.json")));
        using var second = JsonDocument.Parse(File.ReadAllText(Path.Combine(again, "bias.json")));
        Assert.Equal(
            first.RootElement.GetProperty("attributes").GetRawText(),
            second.RootElement.GetProperty("attributes").GetRawText());
    }

    [Fact]
    public void BiasCommandOnAModelWithCsvAndWithFolderLayout()
    {
        string train = temp["run-train"];
        var (code, output) = Run("train", "--data", data, "--size", "16", "--epochs", "1", "--threads", "1", "--out", train, "--cache", temp["cache"]);
        Assert.True(code == 0, output);
        string model = Path.Combine(train, "model");

        string withCsv = temp["run-bias-csv"];
        (code, output) = Run("bias", "--model", model, "--data", data, "--attributes", attributes, "--bootstrap", "100", "--out", withCsv, "--cache", temp["cache"]);
        Assert.True(code == 0, output);
        Assert.True(File.Exists(Path.Combine(withCsv, "report.json")));
        Assert.True(File.Exists(Path.Combine(withCsv, "bias.json")));

        // The original's test-category layout: <root>/<attribute>/<group>/<class>/<image>.
        string layout = temp["layout"];
        foreach (var (relative, target) in new[]
        {
            ("class0/img000.png", "gender/female/class0/img000.png"),
            ("class1/img001.png", "gender/female/class1/img001.png"),
            ("class2/img002.png", "gender/male/class2/img002.png"),
            ("class0/img003.png", "gender/male/class0/img003.png"),
            ("class0/img000.png", "age/old/class0/img000.png"),
        })
        {
            string to = Path.Combine(layout, target);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(Path.Combine(data, relative), to);
        }

        string withLayout = temp["run-bias-layout"];
        (code, output) = Run("bias", "--model", model, "--attributes", layout, "--bootstrap", "100", "--out", withLayout, "--cache", temp["cache"]);
        Assert.True(code == 0, output);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(withLayout, "bias.json")));
        Assert.Equal(4, doc.RootElement.GetProperty("overall").GetProperty("count").GetInt32());
        var names = doc.RootElement.GetProperty("attributes").EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["age", "gender", "age × gender"], names);
    }

    [Fact]
    public void BalanceByNeedsAttributes()
    {
        var (code, output) = Run("kfold", "--data", data, "--balance-by", "gender", "--out", temp["x"]);
        Assert.Equal(2, code);
        Assert.Contains("--balance-by needs --attributes", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CompareRefusesAFolderThatIsNotARun()
    {
        Directory.CreateDirectory(temp["empty"]);
        var (code, output) = Run("compare", temp["empty"], temp["empty"], "--out", temp["cmp"]);
        Assert.Equal(2, code);
        Assert.Contains("not a run folder", output, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) Run(params string[] args) => CliRunner.Run(args);
}
