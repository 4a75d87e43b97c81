namespace FaceMask.Video;

/// <summary>Why a video cannot be analysed (the web API maps each to an HTTP status).</summary>
public enum VideoProblem
{
    /// <summary>Empty, or not a video at all (no video stream, or nothing ffmpeg recognises).</summary>
    NotAVideo,

    /// <summary>The file breaks off before any frame can be decoded (an MP4 whose index is missing).</summary>
    Truncated,

    /// <summary>A video stream without a single frame.</summary>
    NoFrames,

    /// <summary>A codec this ffmpeg cannot decode.</summary>
    UnsupportedCodec,

    /// <summary>Frames larger (or smaller) than the limits.</summary>
    TooLarge,

    /// <summary>Longer than the duration limit.</summary>
    TooLong,

    /// <summary>The ffmpeg or ffprobe program is missing.</summary>
    ToolMissing,

    /// <summary>ffmpeg failed on it for another reason (its message is given).</summary>
    Unreadable,
}
