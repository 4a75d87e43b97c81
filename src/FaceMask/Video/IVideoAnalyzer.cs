namespace FaceMask.Video;

/// <summary>Finds, follows, labels and counts the people of a video file (<see cref="VideoAnalyzer"/>; the web app takes any implementation).</summary>
public interface IVideoAnalyzer
{
    /// <summary>The model's classes, in its order.</summary>
    IReadOnlyList<string> Classes { get; }

    /// <summary>The model's id (architecture and weights hash).</summary>
    string ModelId { get; }

    /// <summary>Analyses one video file.</summary>
    /// <param name="path">The video (any container and codec ffmpeg reads).</param>
    /// <param name="progress">Told about every half second of wall time how many frames are done.</param>
    /// <param name="cancellationToken">Stops decoding (the exception propagates; nothing is returned).</param>
    /// <exception cref="VideoException">
    /// The video cannot be read at all (not a video, truncated before its first frame, no frames, a codec ffmpeg lacks,
    /// an absurd resolution, ffmpeg missing). A stream that breaks off after some frames is not an error: the result
    /// covers the frames decoded and has <see cref="VideoAnalysis.Complete"/> false.
    /// </exception>
    VideoAnalysis Analyze(string path, IProgress<VideoProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Starts a live session: frames sent one by one (a camera), each searched for faces, tracked and counted.</summary>
    /// <param name="framesPerSecond">About how many frames a second will come (turns the options' seconds into frames).</param>
    ILiveVideoSession StartLive(double framesPerSecond);
}
