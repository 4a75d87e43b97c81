using FaceMask.Inference;

namespace FaceMask.Video;

/// <summary>Where a track's box was on one frame (detected, or predicted between detections).</summary>
internal readonly record struct TrackedBox(int Frame, int TrackId, FaceBox Box);
