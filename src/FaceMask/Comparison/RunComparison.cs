using FaceMask.Bias;
using FaceMask.Evaluation;
using FaceMask.Protocols;
using FaceMask.Reporting;
using NormalDistribution = MathNet.Numerics.Distributions.Normal;

namespace FaceMask.Comparison;

/// <summary>
/// Compares run folders (train, kfold, evaluate or bias): the original's "Metric | Old | New" table with changes,
/// every group's accuracy and every gap side by side when the runs have bias.json, and for each change an interval
/// that says whether it is larger than the noise.
/// </summary>
/// <remarks>
/// Changes against the first run are judged by a paired bootstrap when both runs predicted the same images
/// (predictions.csv with the same paths and classes: the same resampled images in both runs, stratified by group for
/// group figures), by independent bootstraps when the images differ, and otherwise by a normal approximation from
/// the runs' own intervals (treating them as independent).
/// </remarks>
public static class RunComparison
{
    /// <summary>The JSON file name.</summary>
    public const string JsonFileName = "compare.json";

    /// <summary>The markdown file name.</summary>
    public const string MarkdownFileName = "compare.md";

    private static readonly string[] Headline = ["accuracy", "macro_precision", "macro_recall", "macro_f1"];

    /// <summary>Compares the runs; the first is the baseline.</summary>
    /// <exception cref="FaceMaskException">Fewer than two folders, or a folder is not a run folder.</exception>
    public static ComparisonReport Compare(IReadOnlyList<string> runDirectories, int bootstrap = BootstrapIntervals.DefaultResamples, int seed = 0, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(runDirectories);
        if (runDirectories.Count < 2)
        {
            throw new FaceMaskException("compare needs at least two run folders");
        }

        new BiasOptions { Bootstrap = bootstrap, Confidence = confidence }.Validate();
        var runs = runDirectories.Select(LoadRun).ToArray();
        var notes = new List<string>();
        var pairings = new Pairing?[runs.Length];
        var methods = new string[runs.Length];
        methods[0] = string.Empty;
        for (int i = 1; i < runs.Length; i++)
        {
            pairings[i] = Pair(runs[0], runs[i], notes);
            methods[i] = pairings[i] is { } p ? p.Method : (runs[0].Bias is not null && runs[i].Bias is not null ? "normal approximation" : "none");
            if (bootstrap == 0 && pairings[i] is not null)
            {
                methods[i] = "none";
            }
        }

        var context = new Context(runs, pairings, bootstrap, seed, confidence);
        var metrics = Headline.Select(context.Metric).ToList();
        var (groups, gaps) = context.GroupsAndGaps(notes);

        if (runs.Any(r => r.Bias is null) && runs.Any(r => r.Bias is not null))
        {
            notes.Add("Only some runs have bias.json; group figures are shown for those.");
        }

        return new ComparisonReport
        {
            Runs = runs.Select((r, i) => new ComparedRun
            {
                Name = r.Name,
                Path = r.Directory,
                Verb = r.Report?.Verb ?? (r.Bias is not null ? "bias" : null),
                Command = r.Report?.Command ?? r.Bias?.Command,
                Images = r.Report?.Test.Support ?? r.Bias?.Overall.Count ?? 0,
                BalancedBy = BalancedBy(r.Report),
                HasBias = r.Bias is not null,
                Method = methods[i],
                Arch = r.Report is { } report ? report.Model?.Arch ?? report.Settings.GetValueOrDefault("arch") : null,
                Protocol = r.Report is null ? null : RunProtocol.Describe(r.Report),
                FoldAccuracy = r.Report?.Mean?.Accuracy,
                FoldAccuracySd = r.Report?.Sd?.Accuracy,
                FoldMacroF1 = r.Report?.Mean?.MacroF1,
                PerClass = r.Report?.PerClass ?? [],
                WallSeconds = r.Report is { WallSeconds: > 0 } timed ? timed.WallSeconds : null,
            }).ToArray(),
            Bootstrap = bootstrap,
            Seed = seed,
            Confidence = confidence,
            Metrics = metrics,
            Groups = groups,
            Gaps = gaps,
            Notes = notes,
        };
    }

    /// <summary>Writes compare.json and compare.md into <paramref name="directory"/>; returns the paths.</summary>
    public static IReadOnlyList<string> Write(ComparisonReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        string json = Path.Combine(directory, JsonFileName);
        string md = Path.Combine(directory, MarkdownFileName);
        IO.AtomicFile.WriteAllText(json, System.Text.Json.JsonSerializer.Serialize(report, ReportJson.Options));
        IO.AtomicFile.WriteAllText(md, ComparisonMarkdown.Render(report));
        return [json, md];
    }

    private static LoadedRun LoadRun(string directory)
    {
        string full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
        {
            throw new FaceMaskException($"{directory}: the run folder does not exist");
        }

        RunReport? report = File.Exists(Path.Combine(full, "report.json")) ? ReportJson.Read(full) : null;
        BiasReport? bias = BiasJsonExporter.Read(full);
        if (report is null && bias is null)
        {
            throw new FaceMaskException($"{directory}: not a run folder (no report.json or bias.json)");
        }

        IReadOnlyList<string> labels = report?.Labels ?? bias!.Labels;
        (IReadOnlyList<string> Labels, IReadOnlyList<PredictionRow> Rows)? predictions =
            File.Exists(Path.Combine(full, PredictionsCsvReader.FileName)) ? PredictionsCsvReader.Read(full) : null;
        double?[] metrics = Headline.Select(m => HeadlineValue(report, bias, m)).ToArray();
        return new LoadedRun(full, Path.GetFileName(Path.TrimEndingDirectorySeparator(full)), report, bias, labels, predictions, metrics);
    }

    private static double? HeadlineValue(RunReport? report, BiasReport? bias, string metric)
    {
        if (report is not null)
        {
            return metric switch
            {
                "accuracy" => report.Accuracy,
                "macro_precision" => report.Macro.Precision,
                "macro_recall" => report.Macro.Recall,
                _ => report.Macro.F1,
            };
        }

        return bias is not null && bias.Overall.Metrics.TryGetValue(metric, out BiasEstimate? e) ? e.Value : null;
    }

    private static string? BalancedBy(RunReport? report) =>
        report is not null && report.Settings.TryGetValue("balance_by", out string? by) && by.Length > 0 ? by : null;

    private static Pairing? Pair(LoadedRun a, LoadedRun b, List<string> notes)
    {
        if (a.Predictions is not { } pa || b.Predictions is not { } pb)
        {
            return null;
        }

        if (!pa.Labels.SequenceEqual(pb.Labels, StringComparer.Ordinal))
        {
            notes.Add($"{b.Name} has other classes than {a.Name}; changes are not resampled.");
            return null;
        }

        var rowsA = pa.Rows.Where(r => r.Truth >= 0).ToArray();
        var rowsB = pb.Rows.Where(r => r.Truth >= 0).ToDictionary(r => r.Path, StringComparer.Ordinal);
        bool same = rowsA.Length == rowsB.Count && rowsA.All(r => rowsB.TryGetValue(r.Path, out var o) && o.Truth == r.Truth);
        if (same)
        {
            return new Pairing(
                "paired bootstrap",
                rowsA.Select(r => r.Path).ToArray(),
                rowsA.Select(r => r.Truth).ToArray(),
                rowsA.Select(r => r.Predicted).ToArray(),
                rowsA.Select(r => rowsB[r.Path].Truth).ToArray(),
                rowsA.Select(r => rowsB[r.Path].Predicted).ToArray(),
                pa.Labels.Count);
        }

        notes.Add($"{b.Name} and {a.Name} predicted different images; their changes use independent bootstraps.");
        var listB = pb.Rows.Where(r => r.Truth >= 0).ToArray();
        return new Pairing(
            "independent bootstrap",
            null,
            rowsA.Select(r => r.Truth).ToArray(),
            rowsA.Select(r => r.Predicted).ToArray(),
            listB.Select(r => r.Truth).ToArray(),
            listB.Select(r => r.Predicted).ToArray(),
            pa.Labels.Count);
    }

    private sealed record LoadedRun(
        string Directory,
        string Name,
        RunReport? Report,
        BiasReport? Bias,
        IReadOnlyList<string> Labels,
        (IReadOnlyList<string> Labels, IReadOnlyList<PredictionRow> Rows)? Predictions,
        double?[] Metrics);

    // Paths is null when the runs predicted different images (then A and B are resampled independently).
    private sealed record Pairing(string Method, string[]? Paths, int[] TruthA, int[] PredA, int[] TruthB, int[] PredB, int K);

    private sealed class Context(LoadedRun[] runs, Pairing?[] pairings, int bootstrap, int seed, double confidence)
    {
        private readonly Dictionary<int, double[][][][]> _overall = [];
        private readonly Dictionary<string, GroupAttributes?> _sources = new(StringComparer.Ordinal);

        public MetricComparison Metric(string metric)
        {
            int m = Array.IndexOf(Headline, metric);
            var values = runs.Select(r => r.Metrics[m]).ToArray();
            var changes = new BiasDifference?[runs.Length];
            for (int i = 1; i < runs.Length; i++)
            {
                if (values[0] is not { } a || values[i] is not { } b)
                {
                    continue;
                }

                double change = b - a;
                if (pairings[i] is { } p && bootstrap > 0)
                {
                    double[][][][] reps = OverallReplicates(i, p);
                    var delta = new double[bootstrap];
                    for (int r = 0; r < bootstrap; r++)
                    {
                        delta[r] = reps[1][0][m][r] - reps[0][0][m][r];
                    }

                    changes[i] = Difference(change, delta);
                }
                else if (runs[0].Bias?.Overall.Metrics.GetValueOrDefault(metric) is { } ea && runs[i].Bias?.Overall.Metrics.GetValueOrDefault(metric) is { } eb)
                {
                    changes[i] = Normal(change, ea.Low, ea.High, eb.Low, eb.High);
                }
                else
                {
                    changes[i] = new BiasDifference(change, null, null, false);
                }
            }

            return new MetricComparison(metric, values, changes);
        }

        public (List<GroupComparison> Groups, List<GapComparison> Gaps) GroupsAndGaps(List<string> notes)
        {
            var groups = new List<GroupComparison>();
            var gaps = new List<GapComparison>();
            var attributes = runs.Where(r => r.Bias is not null).SelectMany(r => r.Bias!.Attributes.Select(a => a.Name)).Distinct(StringComparer.Ordinal).ToArray();
            foreach (string attribute in attributes)
            {
                var results = runs.Select(r => r.Bias?.Attributes.FirstOrDefault(a => a.Name == attribute)).ToArray();
                string[] names = results.Where(x => x is not null).SelectMany(x => x!.Groups.Select(g => g.Name)).Distinct(StringComparer.Ordinal).ToArray();
                double[][][][]?[] paired = new double[runs.Length][][][][];
                for (int i = 1; i < runs.Length; i++)
                {
                    paired[i] = GroupReplicates(i, attribute, names, notes);
                }

                for (int g = 0; g < names.Length; g++)
                {
                    var found = results.Select(x => x?.Groups.FirstOrDefault(y => y.Name == names[g])).ToArray();
                    var acc = found.Select(x => x?.Metrics.GetValueOrDefault("accuracy")).ToArray();
                    var changes = new BiasDifference?[runs.Length];
                    for (int i = 1; i < runs.Length; i++)
                    {
                        if (acc[0] is not { } a || acc[i] is not { } b)
                        {
                            continue;
                        }

                        changes[i] = paired[i] is { } reps
                            ? Difference(b.Value - a.Value, Delta(reps, (0, g, 0), (1, g, 0)))
                            : Normal(b.Value - a.Value, a.Low, a.High, b.Low, b.High);
                    }

                    groups.Add(new GroupComparison(attribute, names[g], found.Select(x => x?.Count).ToArray(), acc, changes));
                }

                foreach (string metric in Headline.Append("equalized_odds_worst"))
                {
                    var perRun = results.Select(x => x is null ? null : metric == "equalized_odds_worst" ? x.EqualizedOdds.Worst : x.Gaps.FirstOrDefault(gp => gp.Metric == metric)).ToArray();
                    if (perRun.All(x => x is null))
                    {
                        continue;
                    }

                    var changes = new BiasDifference?[runs.Length];
                    for (int i = 1; i < runs.Length; i++)
                    {
                        if (perRun[0] is not { } a || perRun[i] is not { } b)
                        {
                            continue;
                        }

                        double change = b.Difference.Value - a.Difference.Value;
                        int? ma = MetricIndex(metric, results[0]!), mb = MetricIndex(metric, results[i]!);
                        int ha = Array.IndexOf(names, a.HighGroup), la = Array.IndexOf(names, a.LowGroup);
                        int hb = Array.IndexOf(names, b.HighGroup), lb = Array.IndexOf(names, b.LowGroup);
                        if (paired[i] is { } reps && ma is { } xa && mb is { } xb && ha >= 0 && la >= 0 && hb >= 0 && lb >= 0)
                        {
                            var delta = new double[bootstrap];
                            for (int r = 0; r < bootstrap; r++)
                            {
                                delta[r] = (reps[1][hb][xb][r] - reps[1][lb][xb][r]) - (reps[0][ha][xa][r] - reps[0][la][xa][r]);
                            }

                            changes[i] = Difference(change, delta);
                        }
                        else
                        {
                            changes[i] = Normal(change, a.Difference.Low, a.Difference.High, b.Difference.Low, b.Difference.High);
                        }
                    }

                    gaps.Add(new GapComparison(attribute, metric, perRun, changes));
                }
            }

            return (groups, gaps);
        }

        private int? MetricIndex(string metric, BiasAttributeResult result)
        {
            int k = runs[0].Labels.Count;
            if (metric != "equalized_odds_worst")
            {
                return Array.IndexOf(Headline, metric);
            }

            int c = runs[0].Labels.ToList().IndexOf(result.EqualizedOdds.WorstClass ?? string.Empty);
            return c < 0 ? null : result.EqualizedOdds.WorstRate == "tpr" ? CountMetrics.Tpr(k, c) : CountMetrics.Fpr(k, c);
        }

        private double[] Delta(double[][][][] reps, (int Run, int Stratum, int Metric) a, (int Run, int Stratum, int Metric) b)
        {
            var d = new double[bootstrap];
            for (int r = 0; r < bootstrap; r++)
            {
                d[r] = reps[b.Run][b.Stratum][b.Metric][r] - reps[a.Run][a.Stratum][a.Metric][r];
            }

            return d;
        }

        // Paired, group-stratified replicates for run i against run 0, or null when they cannot be formed.
        private double[][][][]? GroupReplicates(int i, string attribute, string[] names, List<string> notes)
        {
            if (bootstrap == 0 || pairings[i] is not { Paths: { } paths } p)
            {
                return null;
            }

            string? source = runs[0].Bias?.Coverage?.Source;
            if (source is null || runs[i].Bias?.Coverage?.Source != source)
            {
                return null;
            }

            GroupAttributes? attributes = LoadSource(source, notes);
            if (attributes is null)
            {
                return null;
            }

            AttributeMatch match = attributes.Match(paths);
            string[] parts = attribute.Split(GroupAssignment.Cross);
            GroupAssignment assignment;
            try
            {
                assignment = parts.Length == 2
                    ? GroupAssignment.Intersect(match.Attribute(parts[0]), match.Attribute(parts[1]))
                    : match.Attribute(attribute);
            }
            catch (FaceMaskException)
            {
                return null;
            }

            var index = names.Select((n, j) => (n, j)).ToDictionary(x => x.n, x => x.j, StringComparer.Ordinal);
            int[] group = assignment.Groups.Select(g => g is not null && index.TryGetValue(g, out int j) ? j : -1).ToArray();
            return PairedBootstrap.Run(p.TruthA, [p.PredA, p.PredB], group, names.Length, p.K, bootstrap, seed ^ BiasAnalyzer.StableHash(attribute));
        }

        private GroupAttributes? LoadSource(string source, List<string> notes)
        {
            if (!_sources.TryGetValue(source, out GroupAttributes? attributes))
            {
                try
                {
                    attributes = GroupAttributes.Load(source);
                }
                catch (FaceMaskException e)
                {
                    notes.Add($"Group changes use a normal approximation: the attributes could not be re-read ({e.Message}).");
                    attributes = null;
                }

                _sources[source] = attributes;
            }

            return attributes;
        }

        private double[][][][] OverallReplicates(int i, Pairing p)
        {
            if (_overall.TryGetValue(i, out var cached))
            {
                return cached;
            }

            double[][][][] reps;
            if (p.Paths is not null)
            {
                reps = PairedBootstrap.Run(p.TruthA, [p.PredA, p.PredB], new int[p.TruthA.Length].Select(_ => -1).ToArray(), 0, p.K, bootstrap, seed);
            }
            else
            {
                var a = PairedBootstrap.Run(p.TruthA, [p.PredA], Enumerable.Repeat(-1, p.TruthA.Length).ToArray(), 0, p.K, bootstrap, seed);
                var b = PairedBootstrap.Run(p.TruthB, [p.PredB], Enumerable.Repeat(-1, p.TruthB.Length).ToArray(), 0, p.K, bootstrap, seed + 1);
                reps = [a[0], b[0]];
            }

            _overall[i] = reps;
            return reps;
        }

        private BiasDifference Difference(double value, double[] replicates)
        {
            var (lo, hi) = Percentile.Interval(replicates, confidence);
            bool defined = double.IsFinite(lo) && double.IsFinite(hi);
            return new BiasDifference(value, defined ? lo : null, defined ? hi : null, defined && lo <= 0 && hi >= 0);
        }

        private BiasDifference Normal(double change, double? aLow, double? aHigh, double? bLow, double? bHigh) =>
            IndependentDifference(change, aLow, aHigh, bLow, bHigh, confidence);
    }

    /// <summary>
    /// The interval of a change between two independent estimates, by the normal approximation from their two
    /// <paramref name="confidence"/> intervals; no interval when either is missing.
    /// </summary>
    internal static BiasDifference IndependentDifference(double change, double? aLow, double? aHigh, double? bLow, double? bHigh, double confidence)
    {
        if (aLow is not { } al || aHigh is not { } ah || bLow is not { } bl || bHigh is not { } bh)
        {
            return new BiasDifference(change, null, null, false);
        }

        double z = NormalDistribution.InvCDF(0, 1, 0.5 + (confidence / 2));
        double se = Math.Sqrt(Math.Pow((ah - al) / (2 * z), 2) + Math.Pow((bh - bl) / (2 * z), 2));
        double lo = change - (z * se), hi = change + (z * se);
        return new BiasDifference(change, lo, hi, lo <= 0 && hi >= 0);
    }
}
