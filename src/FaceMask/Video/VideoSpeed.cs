namespace FaceMask.Video;

/// <summary>How fast a video was processed.</summary>
/// <param name="Seconds">Wall time of the analysis (decoding, detection, tracking, classification).</param>
/// <param name="FramesPerSecond">Frames processed per second of wall time.</param>
/// <param name="RealTimeFactor">Video seconds processed per second of wall time (1 or more: real time).</param>
/// <param name="Detections">Frames the face detector ran on.</param>
/// <param name="Classifications">Faces classified.</param>
public sealed record VideoSpeed(double Seconds, double FramesPerSecond, double RealTimeFactor, int Detections, int Classifications);
