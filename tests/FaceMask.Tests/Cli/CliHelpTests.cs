using Xunit;

namespace FaceMask.Tests.Cli;

/// <summary>Every command's <c>--help</c> renders (descriptions are Spectre markup: a stray "[" breaks them).</summary>
public sealed class CliHelpTests
{
    public static TheoryData<string[]> Commands() => new()
    {
        new[] { "train", "--help" },
        new[] { "kfold", "--help" },
        new[] { "evaluate", "--help" },
        new[] { "predict", "--help" },
        new[] { "bias", "--help" },
        new[] { "compare", "--help" },
        new[] { "report", "--help" },
        new[] { "calibrate", "--help" },
        new[] { "augment", "--help" },
        new[] { "data", "stats", "--help" },
        new[] { "data", "faces", "--help" },
        new[] { "audit", "sample", "--help" },
        new[] { "audit", "score", "--help" },
        new[] { "detect", "--help" },
        new[] { "serve", "--help" },
        new[] { "--help" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void HelpRendersOptions(string[] args)
    {
        var (code, output) = CliRunner.Run(args);

        Assert.Equal(0, code);
        Assert.Contains("USAGE:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }
}
