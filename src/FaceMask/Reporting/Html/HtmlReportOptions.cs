namespace FaceMask.Reporting.Html;

/// <summary>How much the HTML report shows.</summary>
public sealed record HtmlReportOptions
{
    /// <summary>Most confidently wrong images shown in the error gallery (default 36; 0 hides the gallery).</summary>
    public int GalleryImages { get; init; } = 36;

    /// <summary>Sample thumbnails per class in the data section (default 8; 0 hides them).</summary>
    public int SamplesPerClass { get; init; } = 8;

    /// <summary>Longer side of the embedded thumbnails in pixels (default 128).</summary>
    public int ThumbnailSide { get; init; } = 128;

    /// <summary>Most-confused class pairs listed (default 10).</summary>
    public int ConfusedPairs { get; init; } = 10;

    /// <summary>Skipped files listed before the list is cut short (default 100).</summary>
    public int SkippedFiles { get; init; } = 100;
}
