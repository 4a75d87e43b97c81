using FaceMask.Inference;
using SkiaSharp;

namespace FaceMask.Detection;

/// <summary>A face found by <see cref="FaceDetector"/>, in photo pixels.</summary>
/// <param name="Box">The detector's face box (clipped to the photo).</param>
/// <param name="Score">Face probability (0–1).</param>
/// <param name="Keypoints">Right eye, left eye, nose tip, mouth centre, right ear tragion, left ear tragion (the person's right/left).</param>
public sealed record DetectedFace(FaceBox Box, float Score, IReadOnlyList<SKPoint> Keypoints);
