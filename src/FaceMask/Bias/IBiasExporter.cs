namespace FaceMask.Bias;

/// <summary>Writes one file (or a few) of a bias analysis into a run folder.</summary>
public interface IBiasExporter
{
    /// <summary>Short name, for messages.</summary>
    string Name { get; }

    /// <summary>Writes into <paramref name="runDirectory"/>, atomically, and returns the paths written.</summary>
    IReadOnlyList<string> Export(BiasReport report, string runDirectory);
}
