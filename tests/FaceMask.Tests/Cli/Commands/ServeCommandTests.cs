using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Cli.Commands;

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

    [Theory]
    [InlineData("--max-batch", "0", "--max-batch must be between 1 and 256")]
    [InlineData("--max-batch", "257", "--max-batch must be between 1 and 256")]
    [InlineData("--batch-window", "-1", "--batch-window must be between 0 and 1000 ms")]
    public void BatchingOutOfRange_IsRefused(string option, string value, string message)
    {
        var (code, output) = CliRunner.Run("serve", option, value);
        Assert.Equal(2, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Batched_LetsCoresTimesBatchPhotosIntoAnalysis_Unbatched_OnePerCopy()
    {
        var batched = new FaceMask.Cli.Commands.ServeCommand.Options { Concurrency = 2, MaxBatch = 8, BatchWindow = 3 }.WebOptions();
        Assert.Equal((16, 8, 3.0), (batched.MaxConcurrentAnalyses, batched.MaxBatchSize, batched.BatchWindowMilliseconds));
        var unbatched = new FaceMask.Cli.Commands.ServeCommand.Options { Concurrency = 2, MaxBatch = 1 }.WebOptions();
        Assert.Equal((2, 1), (unbatched.MaxConcurrentAnalyses, unbatched.MaxBatchSize));
    }
}
