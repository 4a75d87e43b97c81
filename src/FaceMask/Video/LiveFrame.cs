namespace FaceMask.Video;

/// <summary>The answer for one live frame: the faces on it and the running unique counts of the session.</summary>
/// <param name="Width">Frame width.</param>
/// <param name="Height">Frame height.</param>
/// <param name="Frame">This frame's number in the session (from 1).</param>
/// <param name="Faces">Faces detected on this frame, with their track's vote so far.</param>
/// <param name="People">Unique people counted since the session started.</param>
/// <param name="Counts">Of those, per class (sure answers, as voted now), in the model's class order.</param>
/// <param name="Unsure">Of those, how many are unsure now.</param>
public sealed record LiveFrame(int Width, int Height, int Frame, IReadOnlyList<LiveFace> Faces, int People, IReadOnlyDictionary<string, int> Counts, int Unsure);
