using FaceMask.Inference;

namespace FaceMask.Tests.Video;

/// <summary>A shared photo whose face the detector finds alone and whose photo-path label is its folder's, confidently.</summary>
/// <param name="Path">The photo.</param>
/// <param name="Face">The face the detector finds on it.</param>
/// <param name="Label">Its folder, which the photo path also answers.</param>
internal sealed record SharedFace(string Path, FaceBox Face, string Label);
