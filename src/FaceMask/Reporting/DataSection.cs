using FaceMask.Data;

namespace FaceMask.Reporting;

/// <summary>What data a run used.</summary>
public sealed record DataSection
{
    /// <summary>Dataset root.</summary>
    public required string Root { get; init; }

    /// <summary>Content fingerprint.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Images per class, in class order.</summary>
    public required IReadOnlyDictionary<string, int> Counts { get; init; }

    /// <summary>Files that were skipped and why.</summary>
    public required IReadOnlyList<SkippedFile> Skipped { get; init; }

    /// <summary>Input size in pixels.</summary>
    public int Size { get; init; }

    /// <summary>Resize mode name.</summary>
    public string Resize { get; init; } = "stretch";

    /// <summary>The step the images went through while loading (face crops), or null when they were used as they are.</summary>
    public PreparationSection? Preparation { get; init; }
}
