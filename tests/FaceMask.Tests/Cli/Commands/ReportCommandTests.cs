using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Cli.Commands;

/// <summary><c>facemask report RUN_DIR</c>.</summary>
[Collection(HtmlRunCollection.Name)]
public sealed class ReportCommandTests(HtmlRunFixture fixture)
{
    [Fact]
    public void RebuildsThePageOfARunFolder()
    {
        string run = fixture.CopyRun(fixture.HoldoutRun, "cli");
        File.Delete(Path.Combine(run, "report.html"));
        var (code, output) = CliRunner.Run("report", run);
        Assert.True(code == 0, output);
        Assert.Contains("report.html", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(run, "report.html")));
    }

    [Fact]
    public void AFolderThatIsNotARunIsAnError()
    {
        string missing = Path.Combine(fixture.NewFolder("cli-missing"), "nope");
        var (code, output) = CliRunner.Run("report", missing);
        Assert.Equal(2, code);
        Assert.Contains("no such run folder", output, StringComparison.Ordinal);
    }
}
