namespace FaceMask.Bias;

/// <summary>How the attribute source matched the images.</summary>
public sealed record BiasCoverage
{
    /// <summary>The attribute CSV or folder layout.</summary>
    public required string Source { get; init; }

    /// <summary>Rows (CSV) or image files (folder layout) in the source.</summary>
    public int Rows { get; init; }

    /// <summary>Images the source was matched against.</summary>
    public int Images { get; init; }

    /// <summary>How many source paths match no image.</summary>
    public int UnmatchedPathCount { get; init; }

    /// <summary>The first of those paths (at most 100), sorted.</summary>
    public IReadOnlyList<string> UnmatchedPaths { get; init; } = [];

    /// <summary>How many images have no row in the source.</summary>
    public int ImagesWithoutRowCount { get; init; }

    /// <summary>The first of those images (at most 100), sorted.</summary>
    public IReadOnlyList<string> ImagesWithoutRow { get; init; } = [];

    /// <summary>Per attribute: images with an empty cell (listed but unknown).</summary>
    public IReadOnlyDictionary<string, int> EmptyCells { get; init; } = new Dictionary<string, int>();
}
