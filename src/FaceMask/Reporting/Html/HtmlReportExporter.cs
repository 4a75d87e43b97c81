using FaceMask.IO;

namespace FaceMask.Reporting.Html;

/// <summary>
/// Writes <c>report.html</c>. It reads the optional files (bias.json, compare.json, model/MODEL_CARD.md) from the
/// run folder, so it should run after the exporters that write them (it is last in <see cref="RunFolder.DefaultExporters"/>).
/// </summary>
internal sealed class HtmlReportExporter : IExporter<RunArtifacts>
{
    private readonly HtmlReportOptions _options;

    /// <summary>An exporter with the default options.</summary>
    public HtmlReportExporter()
        : this(new HtmlReportOptions())
    {
    }

    /// <summary>An exporter with the given options.</summary>
    public HtmlReportExporter(HtmlReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <inheritdoc />
    public string Name => HtmlReportBuilder.FileName;

    /// <inheritdoc />
    public IReadOnlyList<string> Export(RunArtifacts run, string runDirectory) =>
        [Write(RunFolderContents.FromRun(run, runDirectory), _options)];

    /// <summary>Builds the page for <paramref name="contents"/> and writes it atomically into its run folder; returns the path.</summary>
    public static string Write(RunFolderContents contents, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(contents);
        string path = Path.Combine(contents.RunDirectory, HtmlReportBuilder.FileName);
        AtomicFile.WriteAllText(path, HtmlReportBuilder.Build(contents, options));
        return path;
    }
}
