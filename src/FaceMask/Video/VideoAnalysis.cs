using System.Text.Json.Serialization;

namespace FaceMask.Video;

/// <summary>
/// Everything <see cref="VideoAnalyzer"/> found in one video: the people (tracks) with their voted mask type, unique
/// people per class, a per-second timeline and the processing speed. Serialised (camelCase) it is the JSON of
/// <c>facemask video --json</c> and <c>POST /api/v1/video</c>.
/// </summary>
/// <param name="Path">The video as given (the upload's name on the web).</param>
/// <param name="Model">The model's id (architecture and weights hash).</param>
/// <param name="Width">Frame width.</param>
/// <param name="Height">Frame height.</param>
/// <param name="FramesPerSecond">Average frame rate; times are frame index ÷ this.</param>
/// <param name="DurationSeconds">Decoded frames ÷ frame rate.</param>
/// <param name="Frames">Frames decoded.</param>
/// <param name="DetectEvery">Faces were looked for on every this many frames.</param>
/// <param name="Complete">False when the stream stopped early (a truncated or damaged file): the results cover the frames decoded.</param>
/// <param name="Warning">Why the video is not complete, else null.</param>
/// <param name="UnsureBelow">The unsure threshold in effect (0: never unsure).</param>
/// <param name="Tracks">The people, by id.</param>
/// <param name="Counts">Unique people per class whose answer is sure, in the model's class order.</param>
/// <param name="Unsure">Unique people whose answer is unsure (counted in no class).</param>
/// <param name="Timeline">People on screen per second.</param>
/// <param name="Speed">How fast it ran.</param>
public sealed record VideoAnalysis(
    string Path,
    string Model,
    int Width,
    int Height,
    double FramesPerSecond,
    double DurationSeconds,
    long Frames,
    int DetectEvery,
    bool Complete,
    string? Warning,
    double UnsureBelow,
    IReadOnlyList<VideoTrack> Tracks,
    IReadOnlyDictionary<string, int> Counts,
    int Unsure,
    IReadOnlyList<VideoSecond> Timeline,
    VideoSpeed Speed)
{
    /// <summary>Unique people found (tracks).</summary>
    public int People => Tracks.Count;

    /// <summary>Each track's box on every frame it was shown on, in frame order (for the annotated video).</summary>
    [JsonIgnore]
    internal IReadOnlyList<TrackedBox> Boxes { get; init; } = [];
}
