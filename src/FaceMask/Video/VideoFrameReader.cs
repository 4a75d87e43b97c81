using FFMpegCore;
using FFMpegCore.Exceptions;
using SkiaSharp;

namespace FaceMask.Video;

/// <summary>
/// Decodes a video with ffmpeg (through FFMpegCore) into raw RGBA frames of the probed size, upright (ffmpeg applies
/// rotation metadata), one at a time. Errors ffmpeg reports are collected: before the first frame they make the file
/// unreadable (a clear message naming it); after it, the frames so far stand and the outcome is flagged incomplete
/// (when ffmpeg failed, the stream ended inside a frame, or it reported errors and fewer frames came than the
/// container announced).
/// </summary>
internal static partial class VideoFrameReader
{
    private const int KeptErrorLines = 8;

    /// <summary>Decodes every frame of <paramref name="path"/>, calling <paramref name="onFrame"/> with a bitmap reused between calls.</summary>
    /// <exception cref="VideoException">Nothing could be decoded (the message names the file and ffmpeg's error).</exception>
    public static DecodeOutcome Read(string path, VideoInfo info, FFOptions tools, Action<SKBitmap, int> onFrame, CancellationToken cancellationToken)
    {
        var sink = new RawFrameSink(info.Width, info.Height, onFrame);
        var errors = new Queue<string>();
        bool succeeded;
        try
        {
            succeeded = FFMpegArguments
                .FromFileInput(path, verifyExists: true, input => input.WithCustomArgument("-nostdin -loglevel error"))
                .OutputToPipe(sink, _ => { })
                .CancellableThrough(cancellationToken)
                .NotifyOnStandardError(line =>
                {
                    lock (errors)
                    {
                        errors.Enqueue(WithoutContext(line));
                        while (errors.Count > KeptErrorLines)
                        {
                            errors.Dequeue();
                        }
                    }
                })
                .ProcessSynchronously(throwOnError: false, tools)
                .ExitCode == 0;
        }
        catch (FFMpegException ex)
        {
            succeeded = false;
            lock (errors)
            {
                errors.Enqueue(ex.Message);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (sink.Failure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        string? problem;
        lock (errors)
        {
            problem = errors.Count == 0 ? null : string.Join("; ", errors.Select(e => e.Trim()).Where(e => e.Length > 0).Distinct());
        }

        if (sink.Frames == 0)
        {
            throw problem is null
                ? new VideoException(VideoProblem.NoFrames, $"{path}: the video has no frames")
                : new VideoException(ProblemOf(problem), $"{path}: no frame could be decoded ({Describe(problem)})");
        }

        // ffmpeg also reports errors it recovers from (a damaged packet in a stream that then goes on): those count
        // only when frames are missing.
        bool shortOfFrames = info.ExpectedFrames == 0 || sink.Frames < 0.98 * info.ExpectedFrames;
        bool complete = succeeded && !sink.EndedMidFrame && (problem is null || !shortOfFrames);
        return new DecodeOutcome(sink.Frames, complete, complete ? null : problem ?? (sink.EndedMidFrame ? "the stream ended inside a frame" : "ffmpeg stopped with an error"));
    }

    /// <summary>An ffmpeg log line without its "[mov,mp4,… @ 0x55d1…] " context prefix (a pointer, noise to a reader).</summary>
    internal static string WithoutContext(string line) => ContextPrefix().Replace(line, string.Empty);

    [System.Text.RegularExpressions.GeneratedRegex(@"^\[[^\]]+ @ 0x[0-9a-fA-F]+\]\s*")]
    private static partial System.Text.RegularExpressions.Regex ContextPrefix();

    /// <summary>The kind of problem ffmpeg's error describes.</summary>
    internal static VideoProblem ProblemOf(string problem) =>
        Describe(problem).StartsWith("the video uses a codec", StringComparison.Ordinal) ? VideoProblem.UnsupportedCodec
        : Describe(problem).StartsWith("the file is truncated", StringComparison.Ordinal) ? VideoProblem.Truncated
        : VideoProblem.Unreadable;

    /// <summary>ffmpeg's error, with the known causes put in words.</summary>
    internal static string Describe(string problem)
    {
        if (problem.Contains("Decoder (codec", StringComparison.Ordinal) || problem.Contains("Could not find codec", StringComparison.Ordinal))
        {
            return "the video uses a codec this ffmpeg cannot decode: " + Shorten(problem);
        }

        if (problem.Contains("moov atom not found", StringComparison.Ordinal) || problem.Contains("partial file", StringComparison.Ordinal) ||
            problem.Contains("End of file", StringComparison.Ordinal))
        {
            return "the file is truncated: " + Shorten(problem);
        }

        return Shorten(problem);
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
