using FaceMask.IO;

namespace FaceMask.Bias;

/// <summary>Writes a bias analysis into a run folder with every bias exporter.</summary>
internal static class BiasFolder
{
    /// <summary>bias.json, bias.md and one bar chart per attribute.</summary>
    public static IReadOnlyList<IExporter<BiasReport>> DefaultExporters { get; } =
    [
        new BiasJsonExporter(),
        new BiasMarkdownExporter(),
        new BiasPlotExporter(),
    ];

    /// <summary>
    /// Runs every exporter and, when the folder holds a run's report.json, rebuilds its report.html and model card
    /// so they show the bias section; returns the files written.
    /// </summary>
    public static IReadOnlyList<string> Write(BiasReport report, string runDirectory, IEnumerable<IExporter<BiasReport>>? exporters = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(runDirectory);
        var written = new List<string>();
        foreach (var exporter in exporters ?? DefaultExporters)
        {
            written.AddRange(exporter.Export(report, runDirectory));
        }

        if (File.Exists(Path.Combine(runDirectory, "report.json")))
        {
            written.AddRange(Reporting.ReportRebuilder.Rebuild(runDirectory));
        }

        return written;
    }
}
