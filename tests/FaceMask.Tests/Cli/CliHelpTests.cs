using FaceMask.Evaluation;
using FaceMask.Tests.Support;
using FaceMask.Training;
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

    [Theory]
    [InlineData("bias")]
    [InlineData("train")]
    [InlineData("kfold")]
    [InlineData("compare")]
    [InlineData("audit", "score")]
    public void TheBootstrapDefaultInTheHelpIsTheOneTheLibraryUses(params string[] command)
    {
        var (code, output) = CliRunner.Run([.. command, "--help"]);

        Assert.Equal(0, code);
        Assert.Contains($"(default {BootstrapIntervals.DefaultResamples}; 0 = none)", Flat(output), StringComparison.Ordinal);
    }

    [Fact]
    public void BiasAndTheTrainingCommandsShareTheirGroupOptions()
    {
        // Each option with its description (wrapped lines joined), for the options bias and the training commands share.
        string[] Lines(string command)
        {
            var entries = new List<string>();
            foreach (string line in CliRunner.Run(command, "--help").Output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
            {
                if (line.StartsWith('-'))
                {
                    entries.Add(Flat(line));
                }
                else if (entries.Count > 0)
                {
                    entries[^1] += " " + Flat(line);
                }
            }

            string[] shared = ["--attributes ", "--attribute-columns ", "--bootstrap ", "--bootstrap-seed ", "--min-group-size "];
            return entries.Where(e => shared.Any(o => e.StartsWith(o, StringComparison.Ordinal))).ToArray();
        }

        Assert.Equal(5, Lines("bias").Length);
        Assert.Equal(Lines("bias"), Lines("train"));
        Assert.Equal(Lines("bias"), Lines("kfold"));
    }

    [Fact]
    public void TheAugmentPolicyHelpNamesEveryPolicy()
    {
        string help = Flat(CliRunner.Run("train", "--help").Output);
        Assert.All(AugmentationPolicy.Names, name => Assert.Contains(name + " (", help, StringComparison.Ordinal));
    }

    private static string Flat(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
}
