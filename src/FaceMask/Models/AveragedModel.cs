namespace FaceMask.Models;

/// <summary>What <see cref="ModelAverager.Average"/> wrote.</summary>
public sealed record AveragedModel
{
    /// <summary>The averaged model's folder (full path).</summary>
    public required string Directory { get; init; }

    /// <summary>Its manifest (uncalibrated, float32, <see cref="ModelManifest.AveragedFrom"/> set).</summary>
    public required ModelManifest Manifest { get; init; }

    /// <summary>Things the user should know (a source model's calibration not carried over, different training data).</summary>
    public required IReadOnlyList<string> Notes { get; init; }
}
