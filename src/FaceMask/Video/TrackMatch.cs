using FaceMask.Detection;

namespace FaceMask.Video;

/// <summary>A detection and the track it was given to (an existing one, or one started for it).</summary>
internal sealed record TrackMatch(FaceTrack Track, DetectedFace Face, bool Started);
