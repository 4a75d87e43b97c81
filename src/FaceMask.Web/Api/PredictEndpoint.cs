using FaceMask.Data;
using FaceMask.Inference;
using FaceMask.Web.Hosting;
using Microsoft.AspNetCore.Http;

namespace FaceMask.Web.Api;

/// <summary>
/// <c>POST /api/v1/predict</c>: reads the photo into memory, sniffs it and reads its header (refusing non-images,
/// unsupported formats and absurd pixel counts before anything is decoded), then analyses it through the gate that
/// bounds concurrent model work.
/// </summary>
internal sealed class PredictEndpoint(IPhotoAnalyzer analyzer, AnalysisGate gate, FaceMaskWebOptions options)
{
    internal const string Route = "/api/v1/predict";

    internal async Task HandleAsync(HttpContext context)
    {
        CancellationToken aborted = context.RequestAborted;
        Upload upload = await UploadReader.ReadAsync(context.Request, options, aborted).ConfigureAwait(false);
        _ = ImageHeader.Read(upload.Bytes.Span, upload.Name);
        PhotoAnalysis analysis = await gate.RunAsync(() => analyzer.AnalyzeAsync(upload.Bytes, upload.Name, aborted), aborted).ConfigureAwait(false);
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, PredictResponse.From(analysis, analyzer.ModelId)).ConfigureAwait(false);
    }
}
