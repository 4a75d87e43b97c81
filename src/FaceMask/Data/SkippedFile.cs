namespace FaceMask.Data;

/// <summary>A file that was left out of a dataset, and why.</summary>
/// <param name="Path">Path relative to the dataset root ('/' separators) where possible, else the full path.</param>
/// <param name="Reason">What is wrong with the file, without the file name, e.g. <c>truncated image (JPEG data ends early)</c>.</param>
public sealed record SkippedFile(string Path, string Reason)
{
    /// <summary>The kind of problem, when the file was rejected as an image; null for other reasons.</summary>
    public ImageProblem? Problem { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Path + ": " + Reason;
}
