using System.Text.Json;
using FaceMask.IO;
using FaceMask.Reporting;

namespace FaceMask.Auditing;

/// <summary>Writes <c>audit.json</c> (snake_case, like report.json).</summary>
internal sealed class AuditJsonExporter : IExporter<AuditReport>
{
    /// <summary>The file name.</summary>
    public const string FileName = "audit.json";

    /// <inheritdoc />
    public string Name => FileName;

    /// <inheritdoc />
    public IReadOnlyList<string> Export(AuditReport report, string directory)
    {
        string path = Path.Combine(directory, FileName);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(report, ReportJson.Options));
        return [path];
    }
}
