using FaceMask.Inference;

namespace FaceMask.Video;

/// <summary>One person followed through a video and the mask type voted for them.</summary>
/// <param name="Id">Track number (from 1, in order of appearance; tracks that never became a person leave gaps).</param>
/// <param name="Label">The class with the highest voted probability (the best guess when <paramref name="Unsure"/>).</param>
/// <param name="Probabilities">Voted probabilities per class, in the model's class order: the mean of the classified faces' calibrated probabilities, weighted by detector score.</param>
/// <param name="Unsure">The voted top probability is below the unsure threshold in effect (the photo path's rule, <see cref="CalibrationInEffect"/>).</param>
/// <param name="FirstSeconds">Time of the first detection.</param>
/// <param name="LastSeconds">Time of the last detection.</param>
/// <param name="Frames">Frames on which the face was detected (detection runs every <see cref="VideoAnalysis.DetectEvery"/> frames).</param>
/// <param name="Classified">Faces of the track that were classified for the vote.</param>
/// <param name="BestFace">The largest, most confidently detected face box.</param>
/// <param name="BestFaceSeconds">When that face was seen.</param>
public sealed record VideoTrack(
    int Id,
    string Label,
    IReadOnlyDictionary<string, float> Probabilities,
    bool Unsure,
    double FirstSeconds,
    double LastSeconds,
    int Frames,
    int Classified,
    FaceBox BestFace,
    double BestFaceSeconds);
