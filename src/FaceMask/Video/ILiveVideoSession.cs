using SkiaSharp;

namespace FaceMask.Video;

/// <summary>A live camera's session: frames come one by one and are tracked and counted as in a video file.</summary>
public interface ILiveVideoSession
{
    /// <summary>Frames processed so far.</summary>
    int Frames { get; }

    /// <summary>Looks for faces on the next frame, tracks, classifies new or better faces, and answers with the running counts.</summary>
    /// <param name="frame">The frame, upright (as <see cref="Data.ImageDecoder.DecodeBitmap"/> returns it).</param>
    /// <param name="cancellationToken">Stops between steps.</param>
    LiveFrame Step(SKBitmap frame, CancellationToken cancellationToken = default);
}
