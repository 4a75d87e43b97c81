using FaceMask.Video;
using FaceMask.Web.Hosting;
using Microsoft.AspNetCore.Http;

namespace FaceMask.Web.Api;

/// <summary>
/// <c>POST /api/v1/video</c>: a short clip (multipart field <c>file</c> or the raw body, at most
/// <see cref="FaceMaskWebOptions.MaxVideoBytes"/>) is analysed like <c>facemask video</c> and answered with the same
/// JSON. ffmpeg needs a seekable file, so the clip is written to a private temporary folder (owner-only), probed
/// (refused when not a video, too large in pixels or longer than <see cref="FaceMaskWebOptions.MaxVideoSeconds"/>),
/// analysed through the gate that bounds model work (one clip holds one slot; 503 with Retry-After when the line is
/// full) and deleted before the answer is sent. Messages name the upload, never the temporary file.
/// </summary>
internal sealed class VideoEndpoint(IVideoAnalyzer? analyzer, AnalysisGate gate, FaceMaskWebOptions options)
{
    internal const string Route = "/api/v1/video";

    internal async Task HandleAsync(HttpContext context)
    {
        if (analyzer is null)
        {
            throw new ApiException(501, "video analysis is not enabled on this server");
        }

        CancellationToken aborted = context.RequestAborted;
        Upload upload = await UploadReader.ReadAsync(context.Request, options, options.MaxVideoBytes, "a video clip", aborted).ConfigureAwait(false);
        DirectoryInfo folder = Directory.CreateTempSubdirectory("facemask-video-");
        string path = Path.Combine(folder.FullName, "upload" + SafeExtension(upload.Name));
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            await File.WriteAllBytesAsync(path, upload.Bytes.ToArray(), aborted).ConfigureAwait(false);
            VideoAnalysis analysis;
            try
            {
                _ = VideoProbe.Probe(path, new VideoOptions { MaxDurationSeconds = options.MaxVideoSeconds });
                analysis = await gate.RunAsync(() => analyzer.Analyze(path, null, aborted), aborted).ConfigureAwait(false);
            }
            catch (VideoException ex)
            {
                throw new ApiException(VideoProblemStatus.For(ex.Problem), ex.Message.Replace(path, upload.Name, StringComparison.Ordinal));
            }

            analysis = analysis with
            {
                Path = upload.Name,
                Warning = analysis.Warning?.Replace(path, upload.Name, StringComparison.Ordinal),
            };
            await ApiJson.WriteAsync(context, StatusCodes.Status200OK, analysis).ConfigureAwait(false);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The upload's extension when it is short and plain (ffmpeg judges the bytes; the extension only helps), else none.</summary>
    private static string SafeExtension(string name)
    {
        string extension = Path.GetExtension(name).ToLowerInvariant();
        return extension.Length is > 1 and <= 6 && extension[1..].All(char.IsAsciiLetterOrDigit) ? extension : string.Empty;
    }
}
