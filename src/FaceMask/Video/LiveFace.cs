using FaceMask.Inference;

namespace FaceMask.Video;

/// <summary>A face shown on a live frame: its track, where it is and the track's vote so far.</summary>
/// <param name="Id">Person number (from 1 in order of being counted); 0 while the track is too new to count as a person.</param>
/// <param name="Box">The face box on this frame (the detection).</param>
/// <param name="Label">The track's voted label so far (the best guess when <paramref name="Unsure"/>).</param>
/// <param name="Probabilities">The track's voted probabilities so far, in the model's class order.</param>
/// <param name="Unsure">The voted top probability is below the unsure threshold in effect.</param>
public sealed record LiveFace(int Id, FaceBox Box, string Label, IReadOnlyDictionary<string, float> Probabilities, bool Unsure);
