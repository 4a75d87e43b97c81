using FaceMask.Data;

namespace FaceMask.Web.Api;

/// <summary>
/// The HTTP status for an image the decoder refuses: 400 empty, corrupt, truncated or unreadable; 415 not an image or
/// an unsupported format (judged from the bytes); 422 a usable format whose pixel size is out of range (too large —
/// refused from the header before any decoding — or too small).
/// </summary>
internal static class ImageProblemStatus
{
    internal static int For(ImageProblem problem) => problem switch
    {
        ImageProblem.NotAnImage or ImageProblem.UnsupportedFormat => 415,
        ImageProblem.TooLarge or ImageProblem.TooSmall => 422,
        _ => 400,
    };
}
