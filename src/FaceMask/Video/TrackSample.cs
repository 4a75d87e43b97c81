namespace FaceMask.Video;

/// <summary>One classified face of a track: its calibrated probabilities (model class order) and how good the face was.</summary>
/// <param name="Frame">The frame it was cut from.</param>
/// <param name="Probabilities">Calibrated probabilities, in the model's class order.</param>
/// <param name="DetectorScore">The face detector's score, the sample's weight in the vote.</param>
/// <param name="Quality">Detector score × √(box area): larger, clearer faces rank higher.</param>
internal sealed record TrackSample(int Frame, float[] Probabilities, float DetectorScore, double Quality);
