namespace FaceMask.Video;

/// <summary>The SORT tracker's settings, in frames (see <see cref="SortTracker"/>).</summary>
/// <param name="MinIou">Lowest overlap (IoU) between a track's predicted box and a detection for them to match.</param>
/// <param name="MinHits">Detections a track needs before it counts as a person (false alarms rarely last).</param>
/// <param name="MaxMissedFrames">A confirmed track is ended after this many frames without a matching detection.</param>
internal sealed record TrackerSettings(double MinIou, int MinHits, int MaxMissedFrames);
