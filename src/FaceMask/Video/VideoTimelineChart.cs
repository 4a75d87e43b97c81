using FaceMask.IO;
using ScottPlot;

namespace FaceMask.Video;

/// <summary>The timeline as a PNG chart: people on screen per second, in all and per class (sure answers), and unsure ones.</summary>
public static class VideoTimelineChart
{
    /// <summary>Suffix of the chart beside an annotated video: <c>&lt;name&gt;.timeline.png</c>.</summary>
    public const string Suffix = ".timeline.png";

    /// <summary>Where the chart of <paramref name="video"/> goes in <paramref name="directory"/>.</summary>
    public static string TargetFor(string video, string directory) => Path.Combine(directory, Path.GetFileNameWithoutExtension(video) + Suffix);

    /// <summary>Renders the chart as PNG bytes.</summary>
    public static byte[] Render(VideoAnalysis analysis, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(classes);
        var plot = new Plot();
        // one point per second plus one at the end, so that the last second's step is drawn to its end
        double[] xs = [.. analysis.Timeline.Select(s => (double)s.Second), analysis.Timeline.Count];

        void AddSeries(string name, Func<VideoSecond, int> value, Color colour, float width, LinePattern pattern)
        {
            double[] values = analysis.Timeline.Select(s => (double)value(s)).ToArray();
            double[] ys = [.. values, values.Length > 0 ? values[^1] : 0];
            var line = plot.Add.ScatterLine(xs, ys);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LegendText = name;
            line.LineWidth = width;
            line.Color = colour;
            line.LinePattern = pattern;
        }

        Color[] palette = [new(0xE6, 0x19, 0x4B), new(0x3C, 0xB4, 0x4B), new(0x43, 0x63, 0xD8), new(0xF5, 0x82, 0x31), new(0x91, 0x1E, 0xB4), new(0x42, 0xD4, 0xF4), new(0xF0, 0x32, 0xE6), new(0x80, 0x80, 0x00)];
        for (int c = 0; c < classes.Count; c++)
        {
            string name = classes[c];
            AddSeries(name, s => s.Counts.TryGetValue(name, out int n) ? n : 0, palette[c % palette.Length], 3, LinePattern.Solid);
        }

        AddSeries("unsure", s => s.Unsure, new Color(0x6B, 0x72, 0x80), 3, LinePattern.Solid);
        AddSeries("all people", s => s.People, Colors.Black, 2, LinePattern.Dashed); // drawn last: visible over a class line it equals
        plot.ShowLegend(Edge.Right);
        plot.Axes.Left.Label.Text = "people on screen";
        plot.Axes.Bottom.Label.Text = "second";
        plot.Title($"{Path.GetFileName(analysis.Path)}: {analysis.People} people");
        int most = analysis.Timeline.Count == 0 ? 1 : Math.Max(1, analysis.Timeline.Max(s => s.People));
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.Axes.SetLimits(0, Math.Max(1, xs[^1]), 0, most + 0.5);
        return plot.GetImageBytes(900, 400, ImageFormat.Png);
    }

    /// <summary>Writes the chart to <paramref name="path"/> atomically.</summary>
    public static void Write(VideoAnalysis analysis, IReadOnlyList<string> classes, string path) => AtomicFile.WriteAllBytes(path, Render(analysis, classes));
}
