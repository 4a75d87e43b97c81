using System.Globalization;
using FaceMask.Calibration;
using FaceMask.Training;
using ScottPlot;

namespace FaceMask.Reporting.Html;

/// <summary>The report's charts, rendered with ScottPlot to PNG bytes (in the style of <see cref="ConfusionPlotExporter"/>).</summary>
internal static class ReportPlots
{
    // Logical sizes in CSS pixels; the PNGs are drawn at twice that (ScaleFactor 2) so they stay sharp on phones and in print.
    /// <summary>The plots' pixels per CSS pixel.</summary>
    public const int PixelsPerCssPixel = 2;

    private const float Scale = PixelsPerCssPixel;
    private const int Width = 560;
    private const int Height = 340;

    /// <summary>Images per class as a bar chart with the count on each bar.</summary>
    public static byte[] ClassCounts(IReadOnlyList<string> labels, IReadOnlyList<int> counts)
    {
        var plot = NewPlot("Images per class");
        var palette = new ScottPlot.Palettes.Category10();
        var bars = labels.Select((label, i) => new Bar
        {
            Position = i,
            Value = counts[i],
            FillColor = palette.GetColor(i),
            Label = counts[i].ToString("#,0", CultureInfo.InvariantCulture),
        }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = 14;
        CategoryTicks(plot, labels);
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.Axes.Left.Label.Text = "images";
        return Render(plot, Width, Height);
    }

    /// <summary>
    /// Loss (<paramref name="loss"/> true) or accuracy per epoch: one colour per fold, solid for training and dashed
    /// for validation figures.
    /// </summary>
    public static byte[] Curves(IReadOnlyList<EpochResult> history, bool loss)
    {
        var plot = NewPlot(loss ? "Loss per epoch" : "Accuracy per epoch");
        var palette = new ScottPlot.Palettes.Category10();
        var runs = history.GroupBy(e => e.Fold ?? 0).OrderBy(g => g.Key).ToArray();
        int maxEpoch = history.Max(e => e.Epoch);
        for (int i = 0; i < runs.Length; i++)
        {
            var epochs = runs[i].OrderBy(e => e.Epoch).ToArray();
            double[] xs = epochs.Select(e => (double)e.Epoch).ToArray();
            var color = palette.GetColor(i);
            string name = runs[i].Key == 0 ? "training" : $"fold {runs[i].Key}";
            var train = plot.Add.Scatter(xs, epochs.Select(e => loss ? e.Loss : e.Accuracy * 100).ToArray());
            Style(train, color);
            train.LegendText = name;
            double?[] validation = epochs.Select(e => loss ? e.ValidationLoss : e.ValidationAccuracy * 100).ToArray();
            if (validation.All(v => v is not null && double.IsFinite(v.Value)))
            {
                var val = plot.Add.Scatter(xs, validation.Select(v => v!.Value).ToArray());
                Style(val, color);
                val.LinePattern = LinePattern.Dashed;
                val.MarkerShape = MarkerShape.OpenCircle;
                if (runs.Length == 1)
                {
                    val.LegendText = "validation";
                }
            }
        }

        double[] ticks = Enumerable.Range(1, maxEpoch).Where(e => maxEpoch <= 12 || e % (int)Math.Ceiling(maxEpoch / 10.0) == 0 || e == 1).Select(e => (double)e).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, ticks.Select(t => t.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.Bottom.Label.Text = "epoch";
        plot.Axes.Left.Label.Text = loss ? "cross-entropy loss" : "accuracy (%)";
        plot.Axes.SetLimitsX(0.7, maxEpoch + 0.3);
        plot.ShowLegend(Edge.Right);
        return Render(plot, Width, Height);
    }

    /// <summary>Per-fold accuracy, macro F1 and weighted F1 (all in %): a box (quartiles, median, min–max whiskers) with every fold as a dot.</summary>
    public static byte[] FoldSpread(IReadOnlyList<FoldSection> folds)
    {
        var plot = NewPlot("Scores over folds");
        var palette = new ScottPlot.Palettes.Category10();
        var metrics = new (string Name, double[] Values)[]
        {
            ("accuracy", folds.Select(f => f.Accuracy * 100).ToArray()),
            ("macro F1", folds.Select(f => f.Macro.F1 * 100).ToArray()),
            ("weighted F1", folds.Select(f => f.Weighted.F1 * 100).ToArray()),
        };
        for (int m = 0; m < metrics.Length; m++)
        {
            double[] sorted = metrics[m].Values.Order().ToArray();
            var box = new Box
            {
                Position = m,
                BoxMin = Quantile(sorted, 0.25),
                BoxMax = Quantile(sorted, 0.75),
                BoxMiddle = Quantile(sorted, 0.5),
                WhiskerMin = sorted[0],
                WhiskerMax = sorted[^1],
                Width = 0.5,
            };
            plot.Add.Box(box);
            box.FillColor = palette.GetColor(m).WithAlpha(0.3); // after Add, which assigns the next palette colour
            box.LineColor = palette.GetColor(m).Darken(0.2);
            box.LineWidth = 2;
            int n = metrics[m].Values.Length;
            double[] xs = Enumerable.Range(0, n).Select(k => m + (n == 1 ? 0 : ((k / (double)(n - 1)) - 0.5) * 0.3)).ToArray();
            var dots = plot.Add.Markers(xs, metrics[m].Values);
            dots.MarkerSize = 9;
            dots.Color = palette.GetColor(m).Darken(0.3);
        }

        CategoryTicks(plot, metrics.Select(x => x.Name).ToArray());
        plot.Axes.Left.Label.Text = "% (one value per fold)";
        double lo = metrics.Min(x => x.Values.Min());
        double hi = metrics.Max(x => x.Values.Max());
        double pad = Math.Max(1, (hi - lo) * 0.15);
        plot.Axes.SetLimits(-0.6, metrics.Length - 0.4, Math.Max(0, lo - pad), Math.Min(100, hi + pad));
        return Render(plot, 720, 360);
    }

    /// <summary>One bar per group with its interval as a vertical line (values 0–1, shown in %).</summary>
    public static byte[] GroupBars(string title, IReadOnlyList<string> groups, IReadOnlyList<double> values, IReadOnlyList<double?> lows, IReadOnlyList<double?> highs, bool percent)
    {
        var plot = NewPlot(title);
        var palette = new ScottPlot.Palettes.Category10();
        double scale = percent ? 100 : 1;
        var bars = groups.Select((g, i) => new Bar
        {
            Position = i,
            Value = values[i] * scale,
            FillColor = palette.GetColor(i).WithAlpha(0.8),
            CenterLabel = true,
            Label = percent ? (values[i] * 100).ToString("0.0", CultureInfo.InvariantCulture) : values[i].ToString("0.###", CultureInfo.InvariantCulture),
        }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = 13;
        for (int i = 0; i < groups.Count; i++)
        {
            if (lows[i] is { } low && highs[i] is { } high)
            {
                var line = plot.Add.Line(i, low * scale, i, high * scale);
                line.LineWidth = 3;
                line.Color = Colors.Black;
            }
        }

        CategoryTicks(plot, groups);
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.Axes.Left.Label.Text = percent ? "%" : "value";
        return Render(plot, 640, 340);
    }

    /// <summary>
    /// Reliability diagram: for each non-empty bin, accuracy against mean top probability (both in %), before
    /// (<paramref name="before"/>) and after (<paramref name="after"/>) temperature scaling, with the diagonal of perfect calibration.
    /// </summary>
    public static byte[] Reliability(IReadOnlyList<ReliabilityBin> before, IReadOnlyList<ReliabilityBin> after)
    {
        var plot = NewPlot("Reliability diagram");
        var palette = new ScottPlot.Palettes.Category10();
        var diagonal = plot.Add.Line(0, 0, 100, 100);
        diagonal.Color = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LineWidth = 1.5f;
        diagonal.LegendText = "perfectly calibrated";
        foreach (var (bins, name, i) in new[] { (before, "network", 0), (after, "temperature-scaled", 1) })
        {
            var filled = bins.Where(b => b.Count > 0).ToArray();
            if (filled.Length == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(filled.Select(b => b.Confidence!.Value * 100).ToArray(), filled.Select(b => b.Accuracy!.Value * 100).ToArray());
            Style(line, palette.GetColor(i));
            line.MarkerSize = 8;
            line.LegendText = name;
        }

        plot.Axes.SetLimits(0, 100, 0, 100);
        plot.Axes.Bottom.Label.Text = "mean top probability in the bin (%)";
        plot.Axes.Left.Label.Text = "accuracy in the bin (%)";
        plot.ShowLegend(Alignment.UpperLeft);
        return Render(plot, Width, 400);
    }

    /// <summary>
    /// Risk–coverage curve of the calibrated probabilities: accuracy of the answered images against the share answered
    /// (both in %), with the target accuracy as a dashed line and the chosen unsure threshold marked.
    /// </summary>
    public static byte[] RiskCoverage(CalibrationReport report)
    {
        var plot = NewPlot("Risk–coverage (calibrated)");
        var palette = new ScottPlot.Palettes.Category10();
        var curve = report.RiskCoverage;
        var line = plot.Add.Scatter(curve.Select(p => p.Coverage * 100).ToArray(), curve.Select(p => p.Accuracy * 100).ToArray());
        Style(line, palette.GetColor(1));
        line.MarkerSize = 3;
        line.LegendText = "answered images";
        var target = plot.Add.HorizontalLine(report.TargetAccuracy * 100);
        target.Color = Colors.Gray;
        target.LinePattern = LinePattern.Dashed;
        target.LineWidth = 1.5f;
        target.LegendText = $"target {(report.TargetAccuracy * 100).ToString("0.#", CultureInfo.InvariantCulture)}%";
        if (report.Coverage is { } coverage && report.AnsweredAccuracy is { } answered)
        {
            var chosen = plot.Add.Marker(coverage * 100, answered * 100, MarkerShape.FilledDiamond, 14, palette.GetColor(3));
            chosen.LegendText = "unsure threshold";
        }

        double low = Math.Min(report.TargetAccuracy, curve.Count == 0 ? 1 : curve.Min(p => p.Accuracy)) * 100;
        plot.Axes.SetLimits(0, 101, Math.Max(0, low - 3), 101);
        plot.Axes.Bottom.Label.Text = "coverage: images answered (%)";
        plot.Axes.Left.Label.Text = "accuracy of the answered (%)";
        plot.ShowLegend(Alignment.LowerLeft);
        return Render(plot, Width, 400);
    }

    private static byte[] Render(Plot plot, int width, int height) =>
        plot.GetImageBytes((int)(width * Scale), (int)(height * Scale), ImageFormat.Png);

    private static Plot NewPlot(string title)
    {
        var plot = new Plot { ScaleFactor = Scale };
        plot.Title(title, size: 16);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.Axes.Bottom.Label.FontSize = 15;
        plot.Axes.Left.Label.FontSize = 15;
        plot.Legend.FontSize = 13;
        return plot;
    }

    private static void Style(ScottPlot.Plottables.Scatter scatter, Color color)
    {
        scatter.Color = color;
        scatter.LineWidth = 2;
        scatter.MarkerSize = 6;
    }

    private static void CategoryTicks(Plot plot, IReadOnlyList<string> names)
    {
        double[] positions = Enumerable.Range(0, names.Count).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, names.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        if (names.Count > 6 || names.Sum(n => n.Length) > 70)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -35;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        }

        plot.Grid.XAxisStyle.IsVisible = false;
    }

    private static double Quantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
