namespace FaceMask.Reporting;

/// <summary>Writes one file (or a few) of a run folder from the run's artifacts.</summary>
public interface IRunExporter
{
    /// <summary>Short name, for messages.</summary>
    string Name { get; }

    /// <summary>Writes into <paramref name="runDirectory"/>, atomically, and returns the paths written.</summary>
    IReadOnlyList<string> Export(RunArtifacts run, string runDirectory);
}
