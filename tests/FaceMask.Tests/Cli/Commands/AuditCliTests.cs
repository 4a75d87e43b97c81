using System.Text;
using System.Text.Json;
using FaceMask.Auditing;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Cli.Commands;

/// <summary>kfold, then audit sample and audit score end to end on a small generated dataset.</summary>
public sealed class AuditCliTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void SampleThenScoreAgainstTwoReviewers()
    {
        string data = SyntheticDataset.Create(temp["data"], classes: 3, perClass: 16, side: 20, seed: 9);
        string run = temp["run"];
        var (code, output) = CliRunner.Run("kfold", "--data", data, "--size", "16", "--folds", "2", "--epochs", "1", "--threads", "1",
            "--out", run, "--cache", temp["cache"]);
        Assert.True(code == 0, output);

        string audit = temp["audit"];
        (code, output) = CliRunner.Run("audit", "sample", "--run", run, "--agreements", "6", "--disagreements", "4", "--columns", "4", "--rows", "2", "--out", audit);
        Assert.True(code == 0, output);
        Assert.Contains("facemask audit score", output, StringComparison.Ordinal);
        var plan = AuditPlan.Read(audit);
        int disagreements = plan.Population(AuditStratum.Disagreement).Images;
        Assert.Equal(48, plan.Populations.Sum(p => p.Images));
        Assert.Equal(Math.Min(6, 48 - disagreements) + Math.Min(4, disagreements), plan.Items.Count);
        Assert.Equal((plan.Items.Count + 7) / 8, Directory.GetFiles(Path.Combine(audit, "sheets"), "*.png").Length);
        Assert.DoesNotContain("class", File.ReadAllText(Path.Combine(audit, ReviewCsv.FileName)), StringComparison.Ordinal);

        // A reviewer who agrees with every label reproduces the run's accuracy and finds no label error.
        Fill(audit, plan, i => i.Given);
        (code, output) = CliRunner.Run("audit", "score", audit, "--bootstrap", "50");
        Assert.True(code == 0, output);
        using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(audit, AuditJsonExporter.FileName))))
        {
            var root = doc.RootElement;
            Assert.Equal(root.GetProperty("given_accuracy").GetDouble(), root.GetProperty("reviewed_accuracy").GetProperty("value").GetDouble(), 12);
            Assert.Equal(0.0, root.GetProperty("label_error_rate").GetProperty("value").GetDouble(), 12);
        }

        // One who sides with the model everywhere finds every disagreement a label error.
        Fill(audit, plan, i => i.Predicted);
        (code, output) = CliRunner.Run("audit", "score", audit, "--bootstrap", "0");
        Assert.True(code == 0, output);
        Assert.Contains("Labels changed by the reviewer", output, StringComparison.Ordinal);
        using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(audit, AuditJsonExporter.FileName))))
        {
            var root = doc.RootElement;
            Assert.Equal(1.0, root.GetProperty("reviewed_accuracy").GetProperty("value").GetDouble(), 12);
            Assert.Equal(disagreements / 48.0, root.GetProperty("label_error_rate").GetProperty("value").GetDouble(), 12);
        }

        Assert.True(File.Exists(Path.Combine(audit, AuditMarkdownExporter.FileName)));
    }

    [Fact]
    public void RefusesAFullFolderAMissingRunAndAFolderWithoutAPlan()
    {
        var (code, output) = CliRunner.Run("audit", "score", temp["nothing-here"]);
        Assert.Equal(2, code);
        Assert.Contains("not an audit folder", output, StringComparison.Ordinal);

        (code, output) = CliRunner.Run("audit", "sample", "--run", temp["no-run"], "--out", temp["new"]);
        Assert.Equal(2, code);
        Assert.Contains("predictions.csv", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp["new"]), "no audit folder is left behind for a run that cannot be read");

        temp.Write("run/predictions.csv", Encoding.UTF8.GetBytes("path,true,pred,p_a,p_b\na/1.png,a,a,0.9,0.1\nb/2.png,b,a,0.6,0.4\n"));
        temp.Write("taken/mine.txt", Encoding.UTF8.GetBytes("keep"));
        (code, output) = CliRunner.Run("audit", "sample", "--run", temp["run"], "--data", temp.Path, "--out", temp["taken"]);
        Assert.Equal(2, code);
        Assert.Contains("not empty", output, StringComparison.Ordinal);
        Assert.Equal(["mine.txt"], Directory.GetFileSystemEntries(temp["taken"]).Select(Path.GetFileName));
    }

    private static void Fill(string audit, AuditPlan plan, Func<AuditItem, string> label)
    {
        var sb = new StringBuilder("item,label,note\n");
        foreach (var item in plan.Items)
        {
            sb.Append(item.Item).Append(',').Append(label(item)).Append(",\n");
        }

        File.WriteAllText(Path.Combine(audit, ReviewCsv.FileName), sb.ToString());
    }
}
