using System.Diagnostics;
using System.Text.Json;
using FaceMask.Evaluation;
using Xunit;

namespace FaceMask.Tests.Evaluation;

/// <summary>
/// Runs scikit-learn live (through make_sklearn_fixtures.py --stdin) on a freshly generated random case
/// and compares; skipped when /usr/bin/python3 cannot import sklearn.
/// </summary>
public sealed class SklearnLiveTests
{
    [SklearnFact]
    public void RandomCaseMatchesLiveSklearn()
    {
        int seed = Random.Shared.Next();
        var rng = new Random(seed);
        string[] allLabels = ["cloth", "n95", "n95_valve", "surgical", "no_mask", "face_shield"];
        string[] labels = allLabels[..rng.Next(2, 7)];
        int k = labels.Length;
        int n = rng.Next(20, 400);
        var truth = new int[n];
        var pred = new int[n];
        int neverPredicted = rng.Next(k);
        for (int i = 0; i < n; i++)
        {
            truth[i] = rng.Next(k);
            pred[i] = rng.NextDouble() < 0.6 ? truth[i] : rng.Next(k);
            if (k > 2 && pred[i] == neverPredicted && rng.NextDouble() < 0.5)
            {
                pred[i] = (neverPredicted + 1) % k;
            }
        }

        string input = JsonSerializer.Serialize(new { truth, pred, labels });
        string output = RunSklearn(input);
        using JsonDocument doc = JsonDocument.Parse(output);
        SklearnCase expected = SklearnCase.Parse(doc.RootElement);

        var report = ClassificationReport.Compute(truth, pred, labels);
        SklearnExpectations.AssertMatches(expected, report, $"live case (C# Random seed {seed}, input {input})");
    }

    private static string RunSklearn(string input)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "Fixtures", "make_sklearn_fixtures.py");
        var start = new ProcessStartInfo(SklearnFactAttribute.Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("--stdin");
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("sklearn did not finish within 60 s.");
        }

        Assert.True(process.ExitCode == 0, $"sklearn failed (exit {process.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }
}
