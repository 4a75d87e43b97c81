namespace FaceMask.IO;

/// <summary>
/// Writes one file (or a few) of a report into a folder: a run's report.json, a bias analysis's bias.md, a scored
/// label audit's audit.json, and so on.
/// </summary>
/// <typeparam name="TReport">What is written: a run's artifacts, a bias report, an audit report.</typeparam>
public interface IExporter<in TReport>
{
    /// <summary>Short name, for messages (the file name, or its pattern).</summary>
    string Name { get; }

    /// <summary>Writes into <paramref name="directory"/>, atomically, and returns the paths written.</summary>
    IReadOnlyList<string> Export(TReport report, string directory);
}
