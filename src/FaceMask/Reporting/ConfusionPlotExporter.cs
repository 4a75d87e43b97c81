using FaceMask.IO;
using ScottPlot;

namespace FaceMask.Reporting;

/// <summary>Writes <c>confusion.png</c> (test) and <c>confusion_train.png</c> (train, when present): heatmaps with counts.</summary>
internal sealed class ConfusionPlotExporter : IExporter<RunArtifacts>
{
    /// <inheritdoc />
    public string Name => "confusion.png";

    /// <inheritdoc />
    public IReadOnlyList<string> Export(RunArtifacts run, string runDirectory)
    {
        var written = new List<string>();
        string test = Path.Combine(runDirectory, "confusion.png");
        string title = run.Report.Folds is { Count: > 0 } ? "Confusion matrix (out-of-fold)" : "Confusion matrix (test)";
        AtomicFile.WriteAllBytes(test, Render(run.Report.Labels, run.Report.ConfusionMatrix, title));
        written.Add(test);
        if (run.Report.Train is { } train)
        {
            string path = Path.Combine(runDirectory, "confusion_train.png");
            AtomicFile.WriteAllBytes(path, Render(train.Labels, train.ConfusionMatrix, "Confusion matrix (train)"));
            written.Add(path);
        }

        return written;
    }

    /// <summary>Renders a heatmap PNG: rows true class (top to bottom), columns predicted class, each cell labelled with its count.</summary>
    public static byte[] Render(IReadOnlyList<string> labels, int[][] counts, string title, bool normalize = false)
    {
        int n = labels.Count;
        var values = new double[n, n];
        for (int t = 0; t < n; t++)
        {
            double rowSum = counts[t].Sum();
            for (int p = 0; p < n; p++)
            {
                values[t, p] = normalize ? (rowSum > 0 ? counts[t][p] / rowSum : 0) : counts[t][p];
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        double max = values.Cast<double>().DefaultIfEmpty(0).Max();

        // ScottPlot's Blues runs dark to light; reversed, larger counts are darker (white labels on them), and the
        // scale starts at 0 so equal shades mean equal counts.
        heatmap.Colormap = new ScottPlot.Colormaps.Blues().Reversed();
        heatmap.ManualRange = new ScottPlot.Range(0, max > 0 ? max : 1);
        for (int t = 0; t < n; t++)
        {
            for (int p = 0; p < n; p++)
            {
                string text = normalize ? $"{values[t, p]:0.00}" : counts[t][p].ToString(System.Globalization.CultureInfo.InvariantCulture);
                var label = plot.Add.Text(text, p, n - 1 - t);
                label.LabelAlignment = Alignment.MiddleCenter;
                label.LabelFontSize = n > 8 ? 10 : 14;
                label.LabelFontColor = values[t, p] > max * 0.5 ? Colors.White : Colors.Black;
            }
        }

        double[] positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels.ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels.Reverse().ToArray());
        plot.Axes.Bottom.Label.Text = "predicted";
        plot.Axes.Left.Label.Text = "true";
        plot.Title(title);
        plot.Add.ColorBar(heatmap);
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        return plot.GetImageBytes(120 + (90 * n), 90 + (80 * n), ImageFormat.Png);
    }
}
