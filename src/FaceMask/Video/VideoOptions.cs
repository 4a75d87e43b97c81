using System.Globalization;

namespace FaceMask.Video;

/// <summary>Settings of <see cref="VideoAnalyzer"/>: how often faces are looked for, how tracks are followed and classified, what is refused.</summary>
public sealed record VideoOptions
{
    /// <summary>Detections per second of video when <see cref="DetectEvery"/> is not set.</summary>
    public const double DefaultDetectionsPerSecond = 10;

    /// <summary>
    /// Look for faces on every Nth frame (1: every frame); between them the tracker's prediction moves the boxes. Null:
    /// about <see cref="DefaultDetectionsPerSecond"/> times a second (every third frame at 30 fps).
    /// </summary>
    public int? DetectEvery { get; init; }

    /// <summary>Classified faces kept per track for its vote.</summary>
    public int SamplesPerTrack { get; init; } = 5;

    /// <summary>Least time between two classified faces of one track, in seconds (consecutive frames look alike).</summary>
    public double SampleSpacingSeconds { get; init; } = 0.4;

    /// <summary>Detections a track needs to count as a person.</summary>
    public int MinHits { get; init; } = 3;

    /// <summary>A person not detected for this long (seconds) is taken to have left; seen again later, it is a new track.</summary>
    public double MaxMissedSeconds { get; init; } = 1.0;

    /// <summary>Lowest overlap (IoU) between a track's predicted box and a detection for them to match.</summary>
    public double MinIou { get; init; } = 0.3;

    /// <summary>Largest frame side accepted, in pixels (larger videos are refused before decoding).</summary>
    public int MaxSide { get; init; } = 8192;

    /// <summary>Largest frame accepted, in pixels (default 40 megapixels: 8K UHD is 33).</summary>
    public long MaxPixels { get; init; } = 40_000_000;

    /// <summary>Longest video accepted, in seconds (null: any).</summary>
    public double? MaxDurationSeconds { get; init; }

    /// <summary>Folder holding the <c>ffmpeg</c> and <c>ffprobe</c> programs; null: <c>$FACEMASK_FFMPEG_DIR</c>, else the PATH.</summary>
    public string? FfmpegDirectory { get; init; }

    /// <summary>Throws a <see cref="FaceMaskException"/> for values out of range.</summary>
    public void Validate()
    {
        if (DetectEvery is < 1 or > 1000)
        {
            throw new FaceMaskException($"faces must be looked for every 1 to 1000 frames, got {DetectEvery}");
        }

        if (SamplesPerTrack is < 1 or > 100)
        {
            throw new FaceMaskException($"1 to 100 classified faces per track, got {SamplesPerTrack}");
        }

        if (MinHits is < 1 or > 100)
        {
            throw new FaceMaskException($"a track needs 1 to 100 detections to count, got {MinHits}");
        }

        if (!(MinIou > 0 && MinIou < 1))
        {
            throw new FaceMaskException(string.Create(CultureInfo.InvariantCulture, $"the track overlap threshold must be between 0 and 1 (exclusive), got {MinIou}"));
        }

        if (!(SampleSpacingSeconds >= 0 && MaxMissedSeconds >= 0) || double.IsInfinity(SampleSpacingSeconds) || double.IsInfinity(MaxMissedSeconds))
        {
            throw new FaceMaskException("the sample spacing and the missed time must be finite and not negative");
        }

        if (MaxSide < 16 || MaxPixels < 256 || MaxDurationSeconds is <= 0)
        {
            throw new FaceMaskException("the frame and duration limits must be positive");
        }
    }

    /// <summary>The detection interval in frames for a video of <paramref name="framesPerSecond"/>.</summary>
    public int DetectionInterval(double framesPerSecond) =>
        DetectEvery ?? Math.Max(1, (int)Math.Round(framesPerSecond / DefaultDetectionsPerSecond, MidpointRounding.AwayFromZero));
}
