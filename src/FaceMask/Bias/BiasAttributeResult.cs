namespace FaceMask.Bias;

/// <summary>The evaluation disaggregated by one attribute (or an intersection of two).</summary>
public sealed record BiasAttributeResult
{
    /// <summary>The attribute's name; for an intersection "a × b".</summary>
    public required string Name { get; init; }

    /// <summary>True for an intersection of two attributes.</summary>
    public bool IsIntersection { get; init; }

    /// <summary>Evaluated images with a known group.</summary>
    public int Labelled { get; init; }

    /// <summary>Evaluated images whose group is unknown (empty cell or no row); they count only in the overall figures.</summary>
    public int Unknown { get; init; }

    /// <summary>The groups, sorted by name.</summary>
    public required IReadOnlyList<BiasGroupResult> Groups { get; init; }

    /// <summary>The gap of each headline metric between groups (empty with fewer than two groups).</summary>
    public required IReadOnlyList<BiasGap> Gaps { get; init; }

    /// <summary>One-vs-rest TPR and FPR gaps per class.</summary>
    public required BiasEqualizedOdds EqualizedOdds { get; init; }

    /// <summary>Warnings about this attribute (small groups, a single group).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
