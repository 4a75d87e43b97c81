namespace FaceMask.Video;

/// <summary>How far the analysis of one video is.</summary>
/// <param name="Path">The video.</param>
/// <param name="Frames">Frames decoded and tracked so far.</param>
/// <param name="ExpectedFrames">Frames the container announces (0 when unknown).</param>
/// <param name="Elapsed">Time since the analysis started.</param>
public sealed record VideoProgress(string Path, long Frames, long ExpectedFrames, TimeSpan Elapsed)
{
    /// <summary>Frames processed per second of wall time so far.</summary>
    public double FramesPerSecond => Elapsed.TotalSeconds > 0 ? Frames / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time to the end, null when the length is unknown or nothing is done yet.</summary>
    public TimeSpan? Remaining => ExpectedFrames > Frames && FramesPerSecond > 0 ? TimeSpan.FromSeconds((ExpectedFrames - Frames) / FramesPerSecond) : null;
}
