namespace FaceMask.Auditing;

/// <summary>Writes one file of a scored label audit into the audit folder.</summary>
public interface IAuditExporter
{
    /// <summary>The file name.</summary>
    string Name { get; }

    /// <summary>Writes into <paramref name="directory"/>, atomically, and returns the path written.</summary>
    string Export(AuditReport report, string directory);
}
