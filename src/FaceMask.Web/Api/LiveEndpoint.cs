using FaceMask.Data;
using FaceMask.Video;
using FaceMask.Web.Hosting;
using Microsoft.AspNetCore.Http;
using SkiaSharp;

namespace FaceMask.Web.Api;

/// <summary>
/// The live camera API: <c>POST /api/v1/live</c> starts a session (<c>{"session": id}</c>);
/// <c>POST /api/v1/live/{id}/frames</c> takes one camera frame (an image, as <c>/api/v1/predict</c> takes a photo) and
/// answers with the faces on it, each with its person number and the vote so far, and the running unique counts;
/// <c>DELETE /api/v1/live/{id}</c> ends it. Frames go through the same gate as photos (503 with Retry-After when the
/// line is full), so a page that sends its next frame when the answer to the last one has come keeps to the rate the
/// server manages.
/// </summary>
internal sealed class LiveEndpoint(LiveSessions sessions, AnalysisGate gate, FaceMaskWebOptions options)
{
    internal const string Route = "/api/v1/live";

    internal Task StartAsync(HttpContext context) =>
        ApiJson.WriteAsync(context, StatusCodes.Status201Created, new { session = sessions.Start() });

    internal async Task FrameAsync(HttpContext context, string id)
    {
        ILiveVideoSession session = sessions.Get(id);
        CancellationToken aborted = context.RequestAborted;
        Upload upload = await UploadReader.ReadAsync(context.Request, options, aborted).ConfigureAwait(false);
        _ = ImageHeader.Read(upload.Bytes.Span, upload.Name);
        LiveFrame frame = await gate.RunAsync(
            () =>
            {
                using SKBitmap bitmap = ImageDecoder.DecodeBitmap(upload.Bytes.Span, upload.Name);
                return session.Step(bitmap, aborted);
            },
            aborted).ConfigureAwait(false);
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, frame).ConfigureAwait(false);
    }

    internal Task StopAsync(HttpContext context, string id)
    {
        if (!sessions.Stop(id))
        {
            throw new ApiException(404, "no such live session");
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }
}
