using System.Globalization;
using FaceMask.IO;
using ScottPlot;

namespace FaceMask.Bias;

/// <summary>
/// Writes <c>bias_&lt;attribute&gt;.png</c> for each attribute: per-group accuracy as bars with the bootstrap interval as
/// error bars, the overall accuracy as a dashed line, and each group's size under its name (small groups in orange).
/// </summary>
internal sealed class BiasPlotExporter : IExporter<BiasReport>
{
    /// <inheritdoc />
    public string Name => "bias_<attribute>.png";

    /// <summary>The chart's file name for an attribute.</summary>
    public static string FileNameFor(string attribute) => "bias_" + BiasText.Slug(attribute) + ".png";

    /// <inheritdoc />
    public IReadOnlyList<string> Export(BiasReport report, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(report);
        var written = new List<string>();
        foreach (var attribute in report.Attributes)
        {
            if (attribute.Groups.Count == 0)
            {
                continue;
            }

            string path = Path.Combine(runDirectory, FileNameFor(attribute.Name));
            AtomicFile.WriteAllBytes(path, Render(attribute, report.Overall.Metrics["accuracy"].Value, report.Settings.Confidence));
            written.Add(path);
        }

        return written;
    }

    /// <summary>Renders one attribute's chart as PNG bytes.</summary>
    public static byte[] Render(BiasAttributeResult attribute, double overallAccuracy, double confidence)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        var inv = CultureInfo.InvariantCulture;
        int n = attribute.Groups.Count;
        double[] xs = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        var plot = new Plot();
        double lowest = overallAccuracy * 100;
        var bars = new List<Bar>();
        for (int i = 0; i < n; i++)
        {
            var g = attribute.Groups[i];
            var acc = g.Metrics["accuracy"];
            bars.Add(new Bar
            {
                Position = i,
                Value = acc.Value * 100,
                FillColor = g.Small ? Colors.Orange : Colors.SteelBlue,
                Label = (acc.Value * 100).ToString("0.0", inv),
            });
            lowest = Math.Min(lowest, acc.Value * 100);
        }

        plot.Add.Bars(bars);
        for (int i = 0; i < n; i++)
        {
            var acc = attribute.Groups[i].Metrics["accuracy"];
            if (acc.Low is { } lo && acc.High is { } hi)
            {
                lowest = Math.Min(lowest, lo * 100);
                AddLine(plot, i, lo * 100, i, hi * 100);
                AddLine(plot, i - 0.12, lo * 100, i + 0.12, lo * 100);
                AddLine(plot, i - 0.12, hi * 100, i + 0.12, hi * 100);
            }
        }

        var overall = plot.Add.HorizontalLine(overallAccuracy * 100);
        overall.LinePattern = LinePattern.Dashed;
        overall.Color = Colors.DimGray;

        string[] names = attribute.Groups.Select(g => string.Create(inv, $"{g.Name}\nn={g.Count}")).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xs, names);
        plot.Axes.Left.Label.Text = "accuracy (%)";
        plot.Axes.Bottom.Label.Text = string.Create(inv, $"dashed line: overall accuracy {overallAccuracy * 100:0.0}%; orange: under the minimum group size");
        plot.Axes.Bottom.Label.FontSize = 12;
        plot.Title(string.Create(inv, $"{attribute.Name}: accuracy by group ({confidence * 100:0.#}% bootstrap intervals)"));
        double bottom = Math.Max(0, Math.Floor((lowest - 10) / 10) * 10);
        plot.Axes.SetLimits(-0.6, n - 0.4, bottom, 100);
        return plot.GetImageBytes(Math.Max(600, 160 + (110 * n)), 450, ImageFormat.Png);
    }

    private static void AddLine(Plot plot, double x1, double y1, double x2, double y2)
    {
        var line = plot.Add.Line(x1, y1, x2, y2);
        line.LineWidth = 2;
        line.Color = Colors.Black;
        line.MarkerSize = 0;
    }
}
