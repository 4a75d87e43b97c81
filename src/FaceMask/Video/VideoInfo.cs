namespace FaceMask.Video;

/// <summary>What ffprobe says about a video's first video stream.</summary>
/// <param name="Width">Frame width in pixels (after rotation metadata).</param>
/// <param name="Height">Frame height in pixels.</param>
/// <param name="FramesPerSecond">Average frame rate.</param>
/// <param name="DurationSeconds">Duration, 0 when the container does not say.</param>
/// <param name="Codec">The stream's codec name as ffprobe gives it.</param>
public sealed record VideoInfo(int Width, int Height, double FramesPerSecond, double DurationSeconds, string Codec)
{
    /// <summary>Frames expected from the duration and frame rate (0 when the duration is unknown).</summary>
    public long ExpectedFrames => DurationSeconds > 0 ? (long)Math.Round(DurationSeconds * FramesPerSecond) : 0;
}
