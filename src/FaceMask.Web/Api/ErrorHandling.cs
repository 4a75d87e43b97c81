using FaceMask.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FaceMask.Web.Api;

/// <summary>
/// Turns refusals into JSON errors: <see cref="ApiException"/> with its status, <see cref="ImageDecodeException"/>
/// by its problem (<see cref="ImageProblemStatus"/>), any other <see cref="FaceMaskException"/> 400, anything else
/// 500 without details (logged). A request the client abandoned gets no answer.
/// </summary>
internal sealed class ErrorHandling(RequestDelegate next, ILogger<ErrorHandling> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // the client went away; nobody is left to answer
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            (int status, string message) = ex switch
            {
                ApiException api => (api.Status, api.Message),
                ImageDecodeException image => (ImageProblemStatus.For(image.Problem), image.Message),
                FaceMaskException user => (400, user.Message),
                _ => (500, "internal error while handling the request"),
            };
            if (status >= 500 && ex is not ApiException)
            {
                logger.LogError(ex, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            }

            if (status == 503)
            {
                context.Response.Headers.RetryAfter = "1";
            }

            await ApiJson.WriteErrorAsync(context, status, message).ConfigureAwait(false);
        }
    }
}
