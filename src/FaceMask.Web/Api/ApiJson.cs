using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace FaceMask.Web.Api;

/// <summary>Writes JSON answers (camelCase, class names as given) and the one error shape every endpoint uses.</summary>
internal static class ApiJson
{
    // Relaxed escaping: quotes and non-ASCII class names stay readable; the answers are JSON, never inlined in HTML.
    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static Task WriteAsync<T>(HttpContext context, int status, T value)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(value, Options, context.RequestAborted);
    }

    internal static Task WriteErrorAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, status, new ApiError(new ApiErrorDetail(status, message)));
}
