using FaceMask.Tests.Cli;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Web;

/// <summary><c>facemask serve</c>'s refusals (the running server is covered by the loopback and browser tests).</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public void MissingModelFolder_IsABadInputError()
    {
        using var temp = new TempDirectory();
        var (code, output) = CliRunner.Run("serve", "--model", temp["absent"], "--urls", "http://127.0.0.1:0");
        Assert.Equal(2, code);
        Assert.Contains(temp["absent"] + ": no such model folder", output.Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroConcurrency_IsRefused()
    {
        var (code, output) = CliRunner.Run("serve", "--concurrency", "0");
        Assert.Equal(2, code);
        Assert.Contains("--concurrency must be between 1 and 64", output, StringComparison.Ordinal);
    }
}
