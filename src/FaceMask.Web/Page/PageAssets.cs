using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace FaceMask.Web.Page;

/// <summary>
/// The upload page's files (HTML, CSS, JS), embedded in this assembly under <c>wwwroot/</c> and served from memory
/// with a strict Content-Security-Policy: the page loads nothing from elsewhere and runs no inline script.
/// </summary>
internal sealed class PageAssets
{
    private const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
    };

    private readonly Dictionary<string, (byte[] Content, string ContentType)> files = new(StringComparer.Ordinal);

    public PageAssets()
    {
        Assembly assembly = typeof(PageAssets).Assembly;
        foreach (string resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("wwwroot/", StringComparison.Ordinal)))
        {
            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            string path = "/" + resource["wwwroot/".Length..];
            files[path] = (copy.ToArray(), ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream"));
        }

        if (!files.ContainsKey("/index.html"))
        {
            throw new InvalidOperationException("the page's index.html is not embedded in " + assembly.GetName().Name);
        }
    }

    /// <summary>Paths served, e.g. "/index.html", "/app.js".</summary>
    internal IEnumerable<string> Paths => files.Keys;

    /// <summary>Writes the file at <paramref name="path"/>.</summary>
    internal Task ServeAsync(HttpContext context, string path)
    {
        (byte[] content, string type) = files[path];
        HttpResponse response = context.Response;
        response.ContentType = type;
        response.ContentLength = content.Length;
        response.Headers.CacheControl = "no-cache";
        response.Headers.ContentSecurityPolicy = Policy;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(content, context.RequestAborted).AsTask();
    }
}
