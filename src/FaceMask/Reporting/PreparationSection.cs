namespace FaceMask.Reporting;

/// <summary>
/// The preparation step a run's images went through while loading (face crops of whole images for a model trained on
/// face crops): how many it changed and how many it used whole (no face found).
/// </summary>
public sealed record PreparationSection
{
    /// <summary>The step's id, e.g. <c>faces-front-t0.5-m0.25-v1</c>.</summary>
    public required string Step { get; init; }

    /// <summary>Images the step replaced (face crops).</summary>
    public int Prepared { get; init; }

    /// <summary>Images used whole (no face found).</summary>
    public int Whole { get; init; }

    /// <summary><see cref="Whole"/> per class, in class order.</summary>
    public required IReadOnlyDictionary<string, int> WholePerClass { get; init; }
}
