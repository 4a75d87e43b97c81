using FaceMask.Video;

namespace FaceMask.Web.Api;

/// <summary>
/// The HTTP status for a video that cannot be analysed: 415 not a video or a codec ffmpeg lacks; 422 frames or
/// duration out of range; 400 truncated, frameless or otherwise unreadable; 500 when the server's ffmpeg is missing.
/// </summary>
internal static class VideoProblemStatus
{
    internal static int For(VideoProblem problem) => problem switch
    {
        VideoProblem.NotAVideo or VideoProblem.UnsupportedCodec => 415,
        VideoProblem.TooLarge or VideoProblem.TooLong => 422,
        VideoProblem.ToolMissing => 500,
        _ => 400,
    };
}
