namespace FaceMask.Video;

/// <summary>How decoding a video ended.</summary>
/// <param name="Frames">Whole frames handed to the callback.</param>
/// <param name="Complete">ffmpeg reached the end of the stream without an error.</param>
/// <param name="Problem">ffmpeg's last error lines when it did not, else null.</param>
internal sealed record DecodeOutcome(int Frames, bool Complete, string? Problem);
