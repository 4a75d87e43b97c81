using FaceMask.Bias;
using FaceMask.Evaluation;
using Xunit;

namespace FaceMask.Tests.Bias;

public sealed class BiasAnalyzerTests
{
    private static readonly string[] Labels = ["cloth", "surgical", "no_mask"];

    // Group "a" (30 images, 10 per class) is classified perfectly; group "b" (30 images, 10 per class) gets every
    // surgical image wrong (predicted cloth) and 5 no_mask images wrong (predicted surgical).
    private static (int[] Truth, int[] Pred, string?[] Groups) KnownCase()
    {
        var truth = new List<int>();
        var pred = new List<int>();
        var groups = new List<string?>();
        for (int c = 0; c < 3; c++)
        {
            for (int i = 0; i < 10; i++)
            {
                truth.Add(c);
                pred.Add(c);
                groups.Add("a");
            }
        }

        for (int c = 0; c < 3; c++)
        {
            for (int i = 0; i < 10; i++)
            {
                truth.Add(c);
                pred.Add(c switch { 0 => 0, 1 => 0, _ => i < 5 ? 1 : 2 });
                groups.Add("b");
            }
        }

        return (truth.ToArray(), pred.ToArray(), groups.ToArray());
    }

    [Fact]
    public void PerfectGroupAgainstImperfectGroupGivesKnownReportsAndGaps()
    {
        var (truth, pred, groups) = KnownCase();
        var report = BiasAnalyzer.Analyze(truth, pred, Labels, [new GroupAssignment("side", groups)], new BiasOptions { Bootstrap = 500, MinGroupSize = 0 });

        var side = Assert.Single(report.Attributes);
        Assert.Equal(60, side.Labelled);
        Assert.Equal(0, side.Unknown);
        var a = side.Groups[0];
        var b = side.Groups[1];
        Assert.Equal(("a", 30), (a.Name, a.Count));
        Assert.Equal(("b", 30), (b.Name, b.Count));

        Assert.Equal(1.0, a.Metrics["accuracy"].Value);
        Assert.Equal((1.0, 1.0), (a.Metrics["accuracy"].Low!.Value, a.Metrics["accuracy"].High!.Value)); // no error to resample
        Assert.Equal(15.0 / 30, b.Metrics["accuracy"].Value, 15);
        Assert.Equal(45.0 / 60, report.Overall.Metrics["accuracy"].Value, 15);

        // b's report is exactly sklearn's on b's rows: cloth P=10/20 R=1, surgical P=0 R=0, no_mask P=1 R=0.5.
        var expectedB = ClassificationReport.Compute(truth[30..], pred[30..], Labels);
        Assert.Equal(expectedB.ToText(4), b.ReportText);
        Assert.Equal([[10, 0, 0], [10, 0, 0], [0, 5, 5]], b.Report.ConfusionMatrix);
        Assert.Equal([1.0, 0.0, 0.5], b.PerClassRecall.Select(r => r.Value));
        Assert.Equal(ClassificationReport.Compute(truth[..30], pred[..30], Labels).ToText(4), a.ReportText);

        var accuracyGap = side.Gaps.Single(g => g.Metric == "accuracy");
        Assert.Equal(("a", "b"), (accuracyGap.HighGroup, accuracyGap.LowGroup));
        Assert.Equal(0.5, accuracyGap.Difference.Value, 15);
        Assert.Equal(0.5, accuracyGap.Ratio.Value!.Value, 15);
        Assert.False(accuracyGap.Difference.IncludesZero);
        Assert.True(accuracyGap.Difference.Low > 0.2 && accuracyGap.Difference.High < 0.8);

        double macroF1B = expectedB.Macro.F1;
        var f1Gap = side.Gaps.Single(g => g.Metric == "macro_f1");
        Assert.Equal(1.0 - macroF1B, f1Gap.Difference.Value, 15);
        Assert.Equal(macroF1B, f1Gap.Ratio.Value!.Value, 15);

        Assert.Equal(1.0 - 0.75, a.DifferenceToOverall["accuracy"].Value, 15);
        Assert.Equal(0.5 - 0.75, b.DifferenceToOverall["accuracy"].Value, 15);

        // Equalised odds: surgical TPR 1 (a) vs 0 (b); cloth FPR 0 (a) vs 10/20 (b).
        var surgical = side.EqualizedOdds.PerClass[1];
        Assert.Equal(1.0, surgical.Tpr["a"]);
        Assert.Equal(0.0, surgical.Tpr["b"]);
        Assert.Equal(1.0, surgical.TprGap!.Difference.Value);
        var cloth = side.EqualizedOdds.PerClass[0];
        Assert.Equal(0.5, cloth.Fpr["b"], 15);
        Assert.Equal(0.5, cloth.FprGap!.Difference.Value, 15);
        Assert.Equal(("surgical", "tpr"), (side.EqualizedOdds.WorstClass, side.EqualizedOdds.WorstRate));
    }

    [Fact]
    public void GroupLabelIsNeverScoredAsTheClass()
    {
        // The group names are class names, and each group holds images of the *other* classes: a bug that scored the
        // group label as the truth would find no correct prediction; scoring the class finds all of them.
        int[] truth = [1, 1, 2, 2, 0, 0];
        int[] pred = [1, 1, 2, 2, 0, 0];
        string?[] groups = ["cloth", "cloth", "cloth", "cloth", "surgical", "surgical"];
        var report = BiasAnalyzer.Analyze(truth, pred, Labels, [new GroupAssignment("looks_like_class", groups)], new BiasOptions { Bootstrap = 50, MinGroupSize = 0 });
        var cloth = report.Attributes[0].Groups.Single(g => g.Name == "cloth");
        Assert.Equal(1.0, cloth.Metrics["accuracy"].Value);
        Assert.Equal(0, cloth.PerClassRecall[0].Support);      // no image of class cloth in group "cloth"
        Assert.Equal([0, 2, 2], cloth.Report.PerClass.Select(c => c.Support));
        Assert.Equal([[0, 0, 0], [0, 2, 0], [0, 0, 2]], cloth.Report.ConfusionMatrix);
        var surgical = report.Attributes[0].Groups.Single(g => g.Name == "surgical");
        Assert.Equal([2, 0, 0], surgical.Report.PerClass.Select(c => c.Support));
    }

    [Fact]
    public void DifferentGroupsGetTheirOwnReports()
    {
        var (truth, pred, groups) = KnownCase();
        var report = BiasAnalyzer.Analyze(truth, pred, Labels, [new GroupAssignment("side", groups)], new BiasOptions { Bootstrap = 0 });
        var g = report.Attributes[0].Groups;
        Assert.NotEqual(g[0].ReportText, g[1].ReportText);
        Assert.NotEqual(g[0].Report.ConfusionMatrix, g[1].Report.ConfusionMatrix);

        // Each group's report is computed from exactly its own rows, and the groups add up to the whole.
        for (int s = 0; s < 2; s++)
        {
            int[] idx = Enumerable.Range(0, truth.Length).Where(i => groups[i] == g[s].Name).ToArray();
            var expected = ClassificationReport.Compute(idx.Select(i => truth[i]).ToArray(), idx.Select(i => pred[i]).ToArray(), Labels);
            Assert.Equal(expected.ToText(4), g[s].ReportText);
        }

        var sum = new int[3, 3];
        foreach (var group in g)
        {
            for (int t = 0; t < 3; t++)
            {
                for (int p = 0; p < 3; p++)
                {
                    sum[t, p] += group.Report.ConfusionMatrix[t][p];
                }
            }
        }

        for (int t = 0; t < 3; t++)
        {
            for (int p = 0; p < 3; p++)
            {
                Assert.Equal(report.Overall.Report.ConfusionMatrix[t][p], sum[t, p]);
            }
        }
    }

    [Fact]
    public void UnknownGroupsAreLeftOutAndNotAGroup()
    {
        int[] truth = [0, 1, 2, 0, 1, 2, 0];
        int[] pred = [0, 1, 2, 1, 1, 2, 2];
        string?[] gender = ["f", "f", "f", "m", "m", null, null];
        var report = BiasAnalyzer.Analyze(truth, pred, Labels, [new GroupAssignment("gender", gender)], new BiasOptions { Bootstrap = 20, MinGroupSize = 0 });
        var a = report.Attributes[0];
        Assert.Equal(["f", "m"], a.Groups.Select(g => g.Name));
        Assert.Equal((5, 2), (a.Labelled, a.Unknown));
        Assert.Equal(7, report.Overall.Count);
    }

    [Fact]
    public void IntersectionsCrossTwoAttributes()
    {
        int[] truth = [0, 1, 2, 0, 1, 2];
        int[] pred = [0, 1, 2, 1, 1, 0];
        string?[] gender = ["f", "f", "m", "m", "m", null];
        string?[] age = ["old", null, "old", "young", "young", "old"];
        var report = BiasAnalyzer.Analyze(truth, pred, Labels, [new GroupAssignment("gender", gender), new GroupAssignment("age", age)], new BiasOptions { Bootstrap = 20, MinGroupSize = 3 });
        Assert.Equal(["gender", "age", "gender × age"], report.Attributes.Select(a => a.Name));
        var cross = report.Attributes[2];
        Assert.True(cross.IsIntersection);
        Assert.Equal(["f × old", "m × old", "m × young"], cross.Groups.Select(g => g.Name));
        Assert.Equal([1, 1, 2], cross.Groups.Select(g => g.Count));
        Assert.Equal(2, cross.Unknown);
        Assert.Contains(report.Warnings, w => w.Contains("'f × old' has only 1 images", StringComparison.Ordinal));
    }

    [Fact]
    public void GapsOnTooFewImagesGetNoVerdict()
    {
        // "big": 40 images, all right; "tiny": 4 images, all wrong. The accuracy gap is 100 points and every
        // replicate says so, but 4 images cannot carry a verdict.
        int[] truth = [.. Enumerable.Range(0, 44).Select(i => i % 3)];
        int[] pred = [.. truth.Select((t, i) => i < 40 ? t : (t + 1) % 3)];
        string?[] groups = [.. Enumerable.Range(0, 44).Select(i => i < 40 ? "big" : "tiny")];
        var report = BiasAnalyzer.Analyze(truth, pred, Labels, [new GroupAssignment("size", groups)], new BiasOptions { Bootstrap = 200, MinGroupSize = 30 });
        var gap = report.Attributes[0].Gaps.Single(g => g.Metric == "accuracy");
        Assert.Equal((40, 4, true), (gap.HighCount, gap.LowCount, gap.Small));
        Assert.Equal(1.0, gap.Difference.Value);
        Assert.StartsWith("too few images to judge", BiasText.Verdict(gap), StringComparison.Ordinal);
        Assert.Contains(report.Warnings, w => w.Contains("'tiny' has only 4 images", StringComparison.Ordinal));
        Assert.All(report.Attributes[0].EqualizedOdds.PerClass, c => Assert.True(c.TprGap is null || c.TprGap.Small));
    }

    [Fact]
    public void SameSeedGivesSameIntervals()
    {
        var (truth, pred, groups) = KnownCase();
        var options = new BiasOptions { Bootstrap = 200, Seed = 7 };
        var x = BiasAnalyzer.Analyze(truth, pred, Labels, [new GroupAssignment("side", groups)], options);
        var y = BiasAnalyzer.Analyze(truth, pred, Labels, [new GroupAssignment("side", groups)], options);
        Assert.Equal(x.Attributes[0].Gaps[0], y.Attributes[0].Gaps[0]);
        Assert.Equal(x.Attributes[0].Groups[1].Metrics["accuracy"], y.Attributes[0].Groups[1].Metrics["accuracy"]);
    }

    [Fact]
    public void IntervalsCoverTheTrueValueAtAboutTheNominalRate()
    {
        // Two groups whose predictions are right with probability 0.80 and 0.65; 95% intervals for each group's
        // accuracy and for the gap (0.15) should cover the truth in about 95% of simulated data sets.
        const int trials = 200;
        const int n = 150;
        var random = new Random(12345);
        int coverA = 0, coverB = 0, coverGap = 0;
        for (int t = 0; t < trials; t++)
        {
            var truth = new int[2 * n];
            var pred = new int[2 * n];
            var groups = new string?[2 * n];
            for (int i = 0; i < 2 * n; i++)
            {
                bool first = i < n;
                groups[i] = first ? "a" : "b";
                truth[i] = random.Next(3);
                pred[i] = random.NextDouble() < (first ? 0.80 : 0.65) ? truth[i] : (truth[i] + 1 + random.Next(2)) % 3;
            }

            var report = BiasAnalyzer.Analyze(truth, pred, Labels, [new GroupAssignment("g", groups)], new BiasOptions { Bootstrap = 300, Seed = t, Intersections = false });
            var a = report.Attributes[0].Groups[0].Metrics["accuracy"];
            var b = report.Attributes[0].Groups[1].Metrics["accuracy"];
            coverA += a.Low <= 0.80 && 0.80 <= a.High ? 1 : 0;
            coverB += b.Low <= 0.65 && 0.65 <= b.High ? 1 : 0;
            var gap = report.Attributes[0].Gaps.Single(g => g.Metric == "accuracy");
            double truthGap = gap.HighGroup == "a" ? 0.15 : -0.15;
            coverGap += gap.Difference.Low <= truthGap && truthGap <= gap.Difference.High ? 1 : 0;
        }

        Assert.InRange(coverA / (double)trials, 0.89, 0.99);
        Assert.InRange(coverB / (double)trials, 0.89, 0.99);
        Assert.InRange(coverGap / (double)trials, 0.89, 0.99);
    }

    [Fact]
    public void BootstrapOfEightThousandPredictionsIsFast()
    {
        var random = new Random(1);
        int n = 8361;
        var truth = Enumerable.Range(0, n).Select(_ => random.Next(5)).ToArray();
        var pred = truth.Select(t => random.NextDouble() < 0.85 ? t : random.Next(5)).ToArray();
        string?[] gender = truth.Select(_ => random.NextDouble() < 0.4 ? (random.Next(2) == 0 ? "female" : "male") : null).ToArray();
        string?[] age = truth.Select(_ => random.NextDouble() < 0.1 ? new[] { "child", "young", "old" }[random.Next(3)] : null).ToArray();
        string[] labels = ["cloth", "ffp2", "n95_valve", "no_mask", "surgical"];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var report = BiasAnalyzer.Analyze(truth, pred, labels, [new GroupAssignment("gender", gender), new GroupAssignment("age", age)], new BiasOptions { Bootstrap = 1000 });
        Assert.Equal(3, report.Attributes.Count);
        Assert.True(clock.Elapsed.TotalSeconds < 10, $"took {clock.Elapsed.TotalSeconds:0.00} s");
    }

    [Fact]
    public void RejectsMismatchedLengths()
    {
        Assert.Throws<ArgumentException>(() => BiasAnalyzer.Analyze([0, 1], [0, 1], Labels, [new GroupAssignment("g", ["a"])]));
        Assert.Throws<ArgumentException>(() => BiasAnalyzer.Analyze([0, 1], [0], Labels, []));
    }
}
