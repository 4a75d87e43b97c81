using System.Globalization;
using FaceMask.Evaluation;
using FaceMask.Reporting;

namespace FaceMask.Bias;

/// <summary>
/// Disaggregated evaluation: for each attribute (and each pair of attributes crossed) the classification report of
/// every group, the gaps between groups, multiclass equalised odds and stratified bootstrap intervals for all of it.
/// A pure function of (true class, predicted class, group) per sample: the class of a sample only ever comes from
/// <c>truth</c> and <c>predicted</c>, and a group is only ever used to choose which samples a report covers.
/// </summary>
internal static class BiasAnalyzer
{
    /// <summary>Analyses the predictions.</summary>
    /// <param name="truth">True class index of each sample.</param>
    /// <param name="predicted">Predicted class index of each sample.</param>
    /// <param name="labels">The class names.</param>
    /// <param name="attributes">Each attribute's group of each sample (null = unknown), in sample order.</param>
    /// <param name="options">Bootstrap and reporting settings (defaults when null).</param>
    /// <exception cref="ArgumentException">The lists differ in length, an index is out of range, or two attributes share a name.</exception>
    /// <exception cref="FaceMaskException">The options are invalid.</exception>
    public static BiasReport Analyze(
        IReadOnlyList<int> truth,
        IReadOnlyList<int> predicted,
        IReadOnlyList<string> labels,
        IReadOnlyList<GroupAssignment> attributes,
        BiasOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(attributes);
        options ??= new BiasOptions();
        options.Validate();

        // Validates lengths and indices.
        ClassificationReport overallReport = ClassificationReport.Compute(truth, predicted, labels);
        int n = truth.Count;
        int k = labels.Count;
        var cells = new int[n];
        for (int i = 0; i < n; i++)
        {
            cells[i] = (truth[i] * k) + predicted[i];
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (GroupAssignment a in attributes)
        {
            if (a.Groups.Count != n)
            {
                throw new ArgumentException($"Attribute '{a.Name}' has {a.Groups.Count} groups for {n} samples.", nameof(attributes));
            }

            if (!names.Add(a.Name))
            {
                throw new ArgumentException($"Attribute '{a.Name}' is given twice.", nameof(attributes));
            }
        }

        var all = new List<(GroupAssignment Attribute, bool Intersection)>(attributes.Select(a => (a, false)));
        if (options.Intersections)
        {
            for (int i = 0; i < attributes.Count; i++)
            {
                for (int j = i + 1; j < attributes.Count; j++)
                {
                    all.Add((GroupAssignment.Intersect(attributes[i], attributes[j]), true));
                }
            }
        }

        var context = new Context(cells, truth, predicted, labels, options);
        BiasGroupResult overall = context.Overall(overallReport);
        var results = new List<BiasAttributeResult>();
        var warnings = new List<string>();
        foreach (var (attribute, intersection) in all)
        {
            BiasAttributeResult result = context.Attribute(attribute, intersection, overallReport);
            results.Add(result);
            warnings.AddRange(result.Warnings);
        }

        return new BiasReport
        {
            Labels = labels.ToArray(),
            Settings = new BiasSettings
            {
                Bootstrap = options.Bootstrap,
                Seed = options.Seed,
                Confidence = options.Confidence,
                MinGroupSize = options.MinGroupSize,
            },
            Overall = overall,
            Attributes = results,
            Warnings = warnings,
        };
    }

    /// <summary>A deterministic 32-bit hash (FNV-1a) of a name, so each attribute's resampling does not depend on the others.</summary>
    internal static int StableHash(string s)
    {
        unchecked
        {
            uint h = 2166136261;
            foreach (char c in s)
            {
                h = (h ^ c) * 16777619;
            }

            return (int)h;
        }
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    private sealed class Context(int[] cells, IReadOnlyList<int> truth, IReadOnlyList<int> predicted, IReadOnlyList<string> labels, BiasOptions options)
    {
        private readonly int _k = labels.Count;

        private int M => CountMetrics.Length(_k);

        public BiasGroupResult Overall(ClassificationReport report)
        {
            // One stratum: every sample.
            int[][] strata = [cells];
            double[][][] reps = Bootstrap(strata, groups: 1, options.Seed);
            return Group("overall", report, reps[0], null, small: false);
        }

        public BiasAttributeResult Attribute(GroupAssignment attribute, bool intersection, ClassificationReport overallReport)
        {
            int n = cells.Length;
            string[] groupNames = attribute.Groups.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var index = groupNames.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i, StringComparer.Ordinal);
            int g = groupNames.Length;
            var members = Enumerable.Range(0, g + 1).Select(_ => new List<int>()).ToArray();
            for (int i = 0; i < n; i++)
            {
                int s = attribute.Groups[i] is { } name ? index[name] : g;
                members[s].Add(i);
            }

            int unknown = members[g].Count;
            int labelled = n - unknown;

            // Strata: each group, then the unknown images (only for the overall figures).
            int[][] strata = members.Where((m, s) => s < g || m.Count > 0).Select(m => m.Select(i => cells[i]).ToArray()).ToArray();
            double[][][] reps = Bootstrap(strata, g, options.Seed ^ StableHash(attribute.Name));

            var reports = new ClassificationReport[g];
            var points = new double[g][];
            for (int s = 0; s < g; s++)
            {
                int[] idx = members[s].ToArray();
                reports[s] = ClassificationReport.Compute(idx.Select(i => truth[i]).ToArray(), idx.Select(i => predicted[i]).ToArray(), labels);
                points[s] = PointVector(strata[s]);
            }

            // Guards against the two classic mistakes: a group's report must count exactly its own images, and the
            // groups plus the unknown images must add up to the overall confusion matrix.
            CheckPartition(attribute.Name, reports, members, overallReport);

            var groups = new List<BiasGroupResult>();
            var warnings = new List<string>();
            for (int s = 0; s < g; s++)
            {
                bool small = reports[s].Support < options.MinGroupSize;
                if (small)
                {
                    warnings.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{attribute.Name}: group '{groupNames[s]}' has only {reports[s].Support} images (under {options.MinGroupSize}); its figures are very uncertain."));
                }

                groups.Add(Group(groupNames[s], reports[s], reps[s], (reps[g], overallReport), small));
            }

            var gaps = new List<BiasGap>();
            if (g < 2)
            {
                warnings.Add(g == 0
                    ? $"{attribute.Name}: no evaluated image has a known group."
                    : $"{attribute.Name}: only one group ('{groupNames[0]}'); there is nothing to compare.");
            }
            else
            {
                for (int m = 0; m < CountMetrics.HeadlineNames.Length; m++)
                {
                    double[] values = reports.Select(r => Headline(r, m)).ToArray();
                    gaps.Add(Gap(CountMetrics.HeadlineNames[m], groupNames, values, Enumerable.Range(0, g).ToArray(), reports.Select(r => r.Support).ToArray(), reps, m));
                }
            }

            var odds = EqualizedOdds(groupNames, points, reports, reps);
            return new BiasAttributeResult
            {
                Name = attribute.Name,
                IsIntersection = intersection,
                Labelled = labelled,
                Unknown = unknown,
                Groups = groups,
                Gaps = gaps,
                EqualizedOdds = odds,
                Warnings = warnings,
            };
        }

        private static double Headline(ClassificationReport r, int m) => m switch
        {
            CountMetrics.Accuracy => r.Accuracy,
            CountMetrics.MacroPrecision => r.Macro.Precision,
            CountMetrics.MacroRecall => r.Macro.Recall,
            _ => r.Macro.F1,
        };

        private static void CheckPartition(string attribute, ClassificationReport[] reports, List<int>[] members, ClassificationReport overall)
        {
            int k = overall.Labels.Count;
            var sum = new int[k, k];
            for (int s = 0; s < reports.Length; s++)
            {
                if (reports[s].Support != members[s].Count)
                {
                    throw new InvalidOperationException($"{attribute}: group {s} report covers {reports[s].Support} samples, not its {members[s].Count}.");
                }

                for (int t = 0; t < k; t++)
                {
                    for (int p = 0; p < k; p++)
                    {
                        sum[t, p] += reports[s].Confusion[t, p];
                    }
                }
            }

            int unknown = members[^1].Count;
            int total = 0;
            for (int t = 0; t < k; t++)
            {
                for (int p = 0; p < k; p++)
                {
                    if (sum[t, p] > overall.Confusion[t, p])
                    {
                        throw new InvalidOperationException($"{attribute}: the groups' confusion matrices count more than the overall one.");
                    }

                    total += sum[t, p];
                }
            }

            if (total + unknown != overall.Support)
            {
                throw new InvalidOperationException($"{attribute}: the groups and unknown images do not add up to all samples.");
            }
        }

        private BiasGroupResult Group(
            string name,
            ClassificationReport report,
            double[][] reps,
            (double[][] Reps, ClassificationReport Report)? overall,
            bool small)
        {
            var scratch = new double[options.Bootstrap];
            var metrics = new Dictionary<string, BiasEstimate>(StringComparer.Ordinal);
            var differences = new Dictionary<string, BiasDifference>(StringComparer.Ordinal);
            for (int m = 0; m < CountMetrics.HeadlineNames.Length; m++)
            {
                double value = Headline(report, m);
                var (lo, hi) = Interval(reps[m], scratch);
                metrics[CountMetrics.HeadlineNames[m]] = new BiasEstimate(value, lo, hi);
                if (overall is { } o)
                {
                    for (int b = 0; b < scratch.Length; b++)
                    {
                        scratch[b] = reps[m][b] - o.Reps[m][b];
                    }

                    differences[CountMetrics.HeadlineNames[m]] = Difference(value - Headline(o.Report, m), scratch);
                }
            }

            var recalls = new List<BiasClassRecall>();
            for (int c = 0; c < _k; c++)
            {
                var (lo, hi) = Interval(reps[CountMetrics.Recall(c)], scratch);
                recalls.Add(new BiasClassRecall(labels[c], report.PerClass[c].Support, report.PerClass[c].Recall, lo, hi));
            }

            return new BiasGroupResult
            {
                Name = name,
                Count = report.Support,
                Small = small,
                Metrics = metrics,
                PerClassRecall = recalls,
                DifferenceToOverall = differences,
                Report = MetricsSection.From(report),
                ReportText = report.ToText(4),
            };
        }

        private BiasEqualizedOdds EqualizedOdds(string[] groupNames, double[][] points, ClassificationReport[] reports, double[][][] reps)
        {
            var perClass = new List<BiasClassOdds>();
            BiasGap? worst = null;
            string? worstClass = null, worstRate = null;
            for (int c = 0; c < _k; c++)
            {
                BiasClassOdds odds = new(
                    labels[c],
                    Rates(CountMetrics.Tpr(_k, c)),
                    Rates(CountMetrics.Fpr(_k, c)),
                    RateGap("tpr", CountMetrics.Tpr(_k, c), s => reports[s].PerClass[c].Support),
                    RateGap("fpr", CountMetrics.Fpr(_k, c), s => reports[s].Support - reports[s].PerClass[c].Support));
                perClass.Add(odds);
                foreach (var (gap, rate) in new[] { (odds.TprGap, "tpr"), (odds.FprGap, "fpr") })
                {
                    // Prefer gaps resting on enough images; a small gap wins only when every gap is small.
                    if (gap is not null && (worst is null || (worst.Small && !gap.Small) || (worst.Small == gap.Small && gap.Difference.Value > worst.Difference.Value)))
                    {
                        (worst, worstClass, worstRate) = (gap, labels[c], rate);
                    }
                }
            }

            return new BiasEqualizedOdds(perClass, worstClass, worstRate, worst);

            Dictionary<string, double> Rates(int m)
            {
                var d = new Dictionary<string, double>(StringComparer.Ordinal);
                for (int s = 0; s < groupNames.Length; s++)
                {
                    if (double.IsFinite(points[s][m]))
                    {
                        d[groupNames[s]] = points[s][m];
                    }
                }

                return d;
            }

            BiasGap? RateGap(string metric, int m, Func<int, int> denominator)
            {
                int[] defined = Enumerable.Range(0, groupNames.Length).Where(s => double.IsFinite(points[s][m])).ToArray();
                int[] enough = defined.Where(s => denominator(s) >= options.MinGroupSize).ToArray();
                int[] used = enough.Length >= 2 ? enough : defined;
                if (used.Length < 2)
                {
                    return null;
                }

                double[] values = used.Select(s => points[s][m]).ToArray();
                return Gap(metric, groupNames, values, used, used.Select(denominator).ToArray(), reps, m);
            }
        }

        // The gap between the highest and lowest of values (one per entry of strata, which index groups).
        private BiasGap Gap(string metric, string[] groupNames, double[] values, int[] strata, int[] sizes, double[][][] reps, int m)
        {
            int hi = 0, lo = 0;
            for (int i = 1; i < values.Length; i++)
            {
                if (values[i] > values[hi])
                {
                    hi = i;
                }

                if (values[i] < values[lo])
                {
                    lo = i;
                }
            }

            if (hi == lo)
            {
                // All equal: compare the first two, so the interval still says how much they could differ.
                (hi, lo) = (0, 1);
            }

            int h = strata[hi], l = strata[lo];
            var diff = new double[options.Bootstrap];
            var ratio = new double[options.Bootstrap];
            for (int b = 0; b < diff.Length; b++)
            {
                double vh = reps[h][m][b], vl = reps[l][m][b];
                diff[b] = vh - vl;
                ratio[b] = vh == 0 ? double.NaN : vl / vh;
            }

            double high = values[hi], low = values[lo];
            var (rlo, rhi) = Interval(ratio, ratio);
            double? ratioValue = high == 0 ? null : low / high;
            return new BiasGap(
                metric,
                groupNames[h],
                groupNames[l],
                high,
                low,
                Difference(high - low, diff),
                new BiasRatio(ratioValue, rlo, rhi, rlo is { } a && rhi is { } z && a <= 1 && z >= 1),
                sizes[hi],
                sizes[lo],
                Math.Min(sizes[hi], sizes[lo]) < options.MinGroupSize);
        }

        private BiasDifference Difference(double value, double[] replicates)
        {
            var (lo, hi) = Interval(replicates, replicates);
            return new BiasDifference(value, lo, hi, lo is { } a && hi is { } z && a <= 0 && z >= 0);
        }

        private (double? Low, double? High) Interval(double[] replicates, double[] scratch)
        {
            if (replicates.Length == 0)
            {
                return (null, null);
            }

            if (!ReferenceEquals(replicates, scratch))
            {
                replicates.CopyTo(scratch, 0);
            }

            var (lo, hi) = Percentile.Interval(scratch, options.Confidence);
            return (Finite(lo), Finite(hi));
        }

        private double[] PointVector(IReadOnlyList<int> stratumCells)
        {
            var counts = new int[_k * _k];
            foreach (int c in stratumCells)
            {
                counts[c]++;
            }

            var v = new double[M];
            CountMetrics.Compute(counts, _k, v);
            return v;
        }

        // reps[s][metric][b] for the first `groups` strata, and at index `groups` the overall (sum of all strata).
        private double[][][] Bootstrap(int[][] strata, int groups, int seed)
        {
            int b = options.Bootstrap;
            int kk = _k * _k;
            int m = M;
            var reps = new double[groups + 1][][];
            for (int s = 0; s <= groups; s++)
            {
                reps[s] = new double[m][];
                for (int j = 0; j < m; j++)
                {
                    reps[s][j] = new double[b];
                }
            }

            var random = new SeededRandom(seed);
            var counts = new int[strata.Length * kk];
            var total = new int[kk];
            var vector = new double[m];
            for (int r = 0; r < b; r++)
            {
                Array.Clear(counts);
                Array.Clear(total);
                for (int s = 0; s < strata.Length; s++)
                {
                    int[] members = strata[s];
                    int size = members.Length;
                    Span<int> span = counts.AsSpan(s * kk, kk);
                    for (int j = 0; j < size; j++)
                    {
                        span[members[random.Next(size)]]++;
                    }

                    for (int c = 0; c < kk; c++)
                    {
                        total[c] += span[c];
                    }
                }

                for (int s = 0; s < groups; s++)
                {
                    CountMetrics.Compute(counts.AsSpan(s * kk, kk), _k, vector);
                    for (int j = 0; j < m; j++)
                    {
                        reps[s][j][r] = vector[j];
                    }
                }

                CountMetrics.Compute(total, _k, vector);
                for (int j = 0; j < m; j++)
                {
                    reps[groups][j][r] = vector[j];
                }
            }

            return reps;
        }
    }
}
