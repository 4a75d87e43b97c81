namespace FaceMask.Video;

/// <summary>What one pass over a video left behind, before it is turned into a <see cref="VideoAnalysis"/>.</summary>
internal sealed record VideoRun(
    string Path,
    string Model,
    VideoInfo Info,
    int DetectEvery,
    DecodeOutcome Outcome,
    SortTracker Tracker,
    IReadOnlyList<TrackedBox> Boxes,
    TimeSpan Elapsed,
    int Detections,
    int Classifications);
