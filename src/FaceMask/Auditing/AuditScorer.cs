using FaceMask.Bias;
using FaceMask.Evaluation;

namespace FaceMask.Auditing;

/// <summary>
/// Scores a label audit. Each stratum's reviewed images stand for all of its images (weight = stratum size ÷ reviewed
/// count), which gives a weighted confusion matrix of the reviewer's class against the model's prediction over the
/// whole run; accuracy, per-class precision/recall/F1 and the label error rate are read off it. An image the reviewer
/// could not decide keeps the dataset's label, so only decided classes overturn labels. Intervals come from a
/// stratified bootstrap (reviewed images resampled within their stratum; a stratum reviewed in full is not resampled).
/// </summary>
internal static class AuditScorer
{
    /// <summary>Scores the reviews of <paramref name="plan"/>.</summary>
    /// <exception cref="FaceMaskException">A stratum that has images has no reviewed item yet.</exception>
    public static AuditReport Score(AuditPlan plan, AuditReviews reviews, int bootstrap = BootstrapIntervals.DefaultResamples, int seed = 0, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(reviews);
        ArgumentOutOfRangeException.ThrowIfNegative(bootstrap);
        if (level is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The level must be between 0 and 1.");
        }

        int k = plan.Labels.Count;
        var index = plan.Labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var strata = new List<Stratum>();
        var summaries = new List<AuditStratumSummary>();
        foreach (var population in plan.Populations)
        {
            var reviewed = plan.Items
                .Where(i => i.Stratum == population.Stratum && (reviews.Labels.ContainsKey(i.Item) || reviews.Unsure.Contains(i.Item)))
                .Select(i => reviews.Labels.TryGetValue(i.Item, out int r)
                    ? new Review(index[i.Given], index[i.Predicted], r, Unsure: false)
                    : new Review(index[i.Given], index[i.Predicted], index[i.Given], Unsure: true))
                .ToArray();
            if (population.Images > 0 && reviewed.Length == 0)
            {
                throw new FaceMaskException(
                    $"no item of the {population.Stratum.ToString().ToLowerInvariant()} stratum has been reviewed yet; review at least one before scoring");
            }

            var sure = reviewed.Where(r => !r.Unsure).ToArray();
            strata.Add(new Stratum(population.Images, reviewed));
            summaries.Add(new AuditStratumSummary(population.Stratum, population.Images, population.Drawn, sure.Length, reviewed.Length - sure.Length,
                sure.Count(r => r.Reviewed == r.Given), sure.Count(r => r.Reviewed == r.Predicted)));
        }

        var observed = Estimate(strata.Select(s => s.Reviews).ToArray(), strata, k);
        var replicates = new List<Estimates>(bootstrap);
        var random = new SeededRandom(seed);
        for (int b = 0; b < bootstrap; b++)
        {
            var resampled = strata.Select(s => s.Reviews.Length == s.Images ? s.Reviews : Resample(s.Reviews, random)).ToArray();
            replicates.Add(Estimate(resampled, strata, k));
        }

        MetricInterval Interval(Func<Estimates, double> pick)
        {
            double value = pick(observed);
            if (replicates.Count == 0)
            {
                return new MetricInterval(value, value, value);
            }

            double[] values = replicates.Select(pick).ToArray();
            var (low, high) = Percentile.Interval(values, level);
            return new MetricInterval(value, low, high);
        }

        var given = Measure(plan.Confusion.Select(r => r.Select(x => (double)x).ToArray()).ToArray());
        var findings = plan.Items.Where(i => reviews.Labels.TryGetValue(i.Item, out int r) && plan.Labels[r] != i.Given)
            .Select(i => new AuditFinding(i.Item, i.Path, i.Given, plan.Labels[reviews.Labels[i.Item]], i.Predicted))
            .OrderBy(f => f.Item).ToArray();
        var undecided = plan.Items.Where(i => reviews.Unsure.Contains(i.Item))
            .Select(i => new AuditFinding(i.Item, i.Path, i.Given, null, i.Predicted)).OrderBy(f => f.Item).ToArray();

        return new AuditReport
        {
            Run = plan.Run,
            DataRoot = plan.DataRoot,
            Labels = plan.Labels,
            Images = plan.Populations.Sum(p => p.Images),
            Bootstrap = bootstrap,
            Seed = seed,
            Level = level,
            Strata = summaries,
            NotReviewed = reviews.Blank,
            GivenAccuracy = given.Accuracy,
            GivenMacroF1 = given.F1.Average(),
            ReviewedAccuracy = Interval(e => e.Scores.Accuracy),
            ReviewedMacroF1 = Interval(e => e.Scores.F1.Average()),
            LabelErrorRate = Interval(e => e.LabelError),
            UnsureShare = Interval(e => e.Unsure),
            Classes = Enumerable.Range(0, k).Select(c => new AuditClassEstimate(
                plan.Labels[c],
                given.F1[c],
                Interval(e => e.Scores.Precision[c]),
                Interval(e => e.Scores.Recall[c]),
                Interval(e => e.Scores.F1[c]),
                Interval(e => e.ClassLabelError[c]))).ToArray(),
            Relabelled = findings,
            Undecided = undecided,
        };
    }

    private static Review[] Resample(Review[] reviews, SeededRandom random)
    {
        var copy = new Review[reviews.Length];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = reviews[random.Next(reviews.Length)];
        }

        return copy;
    }

    // The estimates from one set of reviews per stratum (every stratum with images has at least one review).
    private static Estimates Estimate(Review[][] reviews, List<Stratum> strata, int k)
    {
        var confusion = new double[k][];
        for (int c = 0; c < k; c++)
        {
            confusion[c] = new double[k];
        }

        var classWeight = new double[k];
        var classError = new double[k];
        double error = 0;
        double unsure = 0;
        double total = 0;
        for (int h = 0; h < strata.Count; h++)
        {
            int images = strata[h].Images;
            if (images == 0)
            {
                continue;
            }

            double weight = (double)images / reviews[h].Length;
            foreach (var r in reviews[h])
            {
                confusion[r.Reviewed][r.Predicted] += weight;
                classWeight[r.Given] += weight;
                if (r.Reviewed != r.Given)
                {
                    classError[r.Given] += weight;
                    error += weight;
                }
            }

            unsure += weight * reviews[h].Count(r => r.Unsure);
            total += images;
        }

        return new Estimates(
            Measure(confusion),
            error / total,
            unsure / total,
            Enumerable.Range(0, k).Select(c => classWeight[c] > 0 ? classError[c] / classWeight[c] : double.NaN).ToArray());
    }

    // Accuracy and per-class precision, recall and F1 of a (weighted) confusion matrix, rows true, columns predicted.
    private static Scores Measure(double[][] confusion)
    {
        int k = confusion.Length;
        double total = confusion.Sum(r => r.Sum());
        var precision = new double[k];
        var recall = new double[k];
        var f1 = new double[k];
        double correct = 0;
        for (int c = 0; c < k; c++)
        {
            double tp = confusion[c][c];
            double predicted = confusion.Sum(r => r[c]);
            double actual = confusion[c].Sum();
            correct += tp;
            precision[c] = predicted > 0 ? tp / predicted : 0;
            recall[c] = actual > 0 ? tp / actual : 0;
            f1[c] = precision[c] + recall[c] > 0 ? 2 * precision[c] * recall[c] / (precision[c] + recall[c]) : 0;
        }

        return new Scores(total > 0 ? correct / total : 0, precision, recall, f1);
    }

    // An unsure review keeps the dataset's label (Reviewed = Given): only a reviewer's decided class overturns a label.
    private readonly record struct Review(int Given, int Predicted, int Reviewed, bool Unsure);

    private sealed record Stratum(int Images, Review[] Reviews);

    private sealed record Scores(double Accuracy, double[] Precision, double[] Recall, double[] F1);

    private sealed record Estimates(Scores Scores, double LabelError, double Unsure, double[] ClassLabelError);
}
