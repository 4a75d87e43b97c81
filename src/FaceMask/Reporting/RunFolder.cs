using System.Globalization;
using FaceMask.IO;

namespace FaceMask.Reporting;

/// <summary>Creates run folders and writes a run into one with every exporter.</summary>
public static class RunFolder
{
    /// <summary>
    /// The exporters every run gets, in order. The model card and report.html read the files written before them
    /// (bias.json, the model card), so they stay last.
    /// </summary>
    public static IReadOnlyList<IExporter<RunArtifacts>> DefaultExporters { get; } =
    [
        new JsonReportExporter(),
        new MarkdownReportExporter(),
        new PredictionsCsvExporter(),
        new ConfusionPlotExporter(),
        new ModelCardExporter(),
        new Html.HtmlReportExporter(),
    ];

    /// <summary>
    /// Returns a new, empty run folder: <paramref name="requested"/> if given (refused when it exists and is not empty),
    /// else <c>runs/&lt;yyyyMMdd-HHmmss&gt;-&lt;verb&gt;</c> under the current directory.
    /// </summary>
    public static string Create(string? requested, string verb, DateTime now)
    {
        string dir;
        if (!string.IsNullOrWhiteSpace(requested))
        {
            dir = Path.GetFullPath(requested);
            if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
            {
                throw new FaceMaskException($"{requested}: the output folder exists and is not empty; choose another --out");
            }

            if (File.Exists(dir))
            {
                throw new FaceMaskException($"{requested}: a file is in the way of the output folder");
            }
        }
        else
        {
            string stamp = now.ToLocalTime().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            dir = Path.GetFullPath(Path.Combine("runs", $"{stamp}-{verb}"));
            for (int i = 2; Directory.Exists(dir); i++)
            {
                dir = Path.GetFullPath(Path.Combine("runs", $"{stamp}-{verb}-{i}"));
            }
        }

        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Runs every exporter; returns the files written.</summary>
    public static IReadOnlyList<string> Write(RunArtifacts run, string directory, IEnumerable<IExporter<RunArtifacts>>? exporters = null)
    {
        var written = new List<string>();
        foreach (var exporter in exporters ?? DefaultExporters)
        {
            written.AddRange(exporter.Export(run, directory));
        }

        return written;
    }
}
