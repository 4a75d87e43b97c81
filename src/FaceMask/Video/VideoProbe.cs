using System.Globalization;
using FFMpegCore;
using FFMpegCore.Exceptions;

namespace FaceMask.Video;

/// <summary>Reads a video's size, frame rate, duration and codec with ffprobe, refusing what cannot or should not be decoded.</summary>
public static class VideoProbe
{
    /// <summary>Probes <paramref name="path"/>.</summary>
    /// <param name="path">The video file.</param>
    /// <param name="options">Limits and where ffmpeg is; null for the defaults.</param>
    /// <exception cref="VideoException">
    /// The file is missing, not a video (no video stream, or ffprobe cannot read it), uses a codec this ffmpeg lacks, has
    /// an absurd resolution or is longer than allowed; or ffprobe is missing. The message names the file.
    /// </exception>
    public static VideoInfo Probe(string path, VideoOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new VideoOptions();
        if (!File.Exists(path))
        {
            throw new VideoException(VideoProblem.NotAVideo, $"{path}: no such file");
        }

        if (new FileInfo(path).Length == 0)
        {
            throw new VideoException(VideoProblem.NotAVideo, $"{path}: empty file (0 bytes)");
        }

        FFOptions tools = FfmpegTools.Locate(options.FfmpegDirectory, path);
        IMediaAnalysis media;
        try
        {
            media = FFProbe.Analyse(path, tools);
        }
        catch (Exception ex) when (ex is FFMpegException or FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            string said = LastLine(ex.Message).Replace(path + ": ", string.Empty, StringComparison.Ordinal).TrimEnd(')', ' ');
            throw ex.Message.Contains("moov atom not found", StringComparison.Ordinal) && StartsLikeMp4(path)
                ? new VideoException(VideoProblem.Truncated, $"{path}: the file is truncated: its index (moov atom) is missing, so no frame can be found ({said})", ex)
                : new VideoException(VideoProblem.NotAVideo, $"{path}: not a video ffmpeg can read ({said})", ex);
        }

        VideoStream? stream = media.PrimaryVideoStream;
        if (stream is null)
        {
            string what = media.PrimaryAudioStream is not null ? "it holds only audio" : "it holds no video stream";
            throw new VideoException(VideoProblem.NotAVideo, $"{path}: not a video ({what})");
        }

        if (string.IsNullOrEmpty(stream.CodecName) || stream.CodecName is "none" or "unknown")
        {
            throw new VideoException(VideoProblem.UnsupportedCodec, $"{path}: the video uses a codec this ffmpeg cannot decode (codec {(string.IsNullOrEmpty(stream.CodecName) ? "unknown" : stream.CodecName)}, tag {stream.CodecTagString})");
        }

        int width = stream.Width ?? 0;
        int height = stream.Height ?? 0;
        if (Math.Abs(stream.Rotation) is 90 or 270)
        {
            (width, height) = (height, width);
        }

        if (width < 16 || height < 16 || width > options.MaxSide || height > options.MaxSide || (long)width * height > options.MaxPixels)
        {
            throw new VideoException(VideoProblem.TooLarge, string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: refused: the video's frames are {width}×{height} pixels (limits: 16 to {options.MaxSide} a side, {options.MaxPixels / 1e6:0.#} megapixels)"));
        }

        double fps = stream.AverageFrameRate is > 0 and < 1000 ? stream.AverageFrameRate : stream.RealFrameRate;
        if (!(fps > 0 && fps < 1000))
        {
            throw new VideoException(VideoProblem.Unreadable, $"{path}: the video stream has no usable frame rate");
        }

        double duration = stream.Duration > TimeSpan.Zero ? stream.Duration.TotalSeconds : media.Duration.TotalSeconds;
        if (options.MaxDurationSeconds is { } longest && duration > longest)
        {
            throw new VideoException(VideoProblem.TooLong, string.Create(CultureInfo.InvariantCulture, $"{path}: refused: the video lasts {duration:0.#} s (the limit is {longest:0.#} s)"));
        }

        return new VideoInfo(width, height, fps, Math.Max(0, duration), stream.CodecName);
    }

    /// <summary>Whether the file begins with an ISO media box (ftyp, mdat …): an MP4/MOV, truncated when its index is missing, rather than something else named .mp4.</summary>
    private static bool StartsLikeMp4(string path)
    {
        Span<byte> head = stackalloc byte[8];
        using FileStream stream = File.OpenRead(path);
        if (stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length)
        {
            return false;
        }

        string box = System.Text.Encoding.ASCII.GetString(head[4..]);
        return box is "ftyp" or "mdat" or "moov" or "free" or "wide" or "skip";
    }

    private static string LastLine(string message)
    {
        string line = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? message;
        return line.Length > 200 ? line[..200] : line;
    }
}
