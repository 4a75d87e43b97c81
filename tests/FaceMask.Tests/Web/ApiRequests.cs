using System.Net.Http.Headers;
using System.Text.Json;
using FaceMask.Tests.Support;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Web;

/// <summary>Builds predict requests and reads JSON answers.</summary>
internal static class ApiRequests
{
    public const string Predict = "api/v1/predict";

    public static MultipartFormDataContent Form(byte[] file, string fileName, string field = "file", string? contentType = "image/jpeg")
    {
        var content = new ByteArrayContent(file);
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        return new MultipartFormDataContent { { content, field, fileName } };
    }

    public static ByteArrayContent Raw(byte[] body, string contentType = "image/png")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    /// <summary>11 MiB that start like a JPEG: over the 10 MiB limit, under Kestrel's hard limit.</summary>
    public static byte[] ElevenMegabytes()
    {
        byte[] big = new byte[11 * 1024 * 1024];
        TestImages.Jpeg(16, 16, SKColors.Red).CopyTo(big, 0);
        return big;
    }

    public static Task<(int Status, JsonElement Json)> PostAsync(HttpClient client, HttpContent content) => PostAsync(client, content, Predict);

    public static async Task<(int Status, JsonElement Json)> PostAsync(HttpClient client, HttpContent content, string route)
    {
        using HttpResponseMessage response = await client.PostAsync(route, content);
        return await ReadAsync(response);
    }

    public static async Task<(int Status, JsonElement Json)> ReadAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json",
            $"HTTP {(int)response.StatusCode} answered {response.Content.Headers.ContentType} instead of JSON: {body}");
        using var document = JsonDocument.Parse(body);
        return ((int)response.StatusCode, document.RootElement.Clone());
    }

    /// <summary>Checks the one error shape and returns the message.</summary>
    public static string ErrorMessage(JsonElement json, int status)
    {
        JsonElement error = json.GetProperty("error");
        Assert.Equal(status, error.GetProperty("status").GetInt32());
        string message = error.GetProperty("message").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message;
    }
}
