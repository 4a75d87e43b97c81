using System.Text.Json;
using FaceMask.IO;

namespace FaceMask.Reporting;

/// <summary>Writes <c>report.json</c>.</summary>
internal sealed class JsonReportExporter : IExporter<RunArtifacts>
{
    /// <inheritdoc />
    public string Name => "report.json";

    /// <inheritdoc />
    public IReadOnlyList<string> Export(RunArtifacts run, string runDirectory)
    {
        string path = Path.Combine(runDirectory, "report.json");
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(run.Report, ReportJson.Options));
        return [path];
    }
}
