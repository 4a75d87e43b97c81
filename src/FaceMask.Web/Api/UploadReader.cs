using System.Buffers;
using System.Globalization;
using FaceMask.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace FaceMask.Web.Api;

/// <summary>
/// Reads the image of a predict request into memory — a multipart/form-data file (field <c>file</c>, else the first
/// file) or the raw body — with hard size limits. Nothing is buffered to disk: the form is parsed from memory with
/// <see cref="MultipartReader"/>, never with ASP.NET's form reader (which spools large files to temporary files).
/// </summary>
internal static class UploadReader
{
    internal const string DefaultName = "upload";

    private const string FileField = "file";

    private const int MaxNameLength = 120;

    /// <exception cref="ApiException">400 no file or empty, 413 too large.</exception>
    internal static Task<Upload> ReadAsync(HttpRequest request, FaceMaskWebOptions options, CancellationToken cancellationToken) =>
        ReadAsync(request, options, options.MaxImageBytes, "a photo", cancellationToken);

    /// <summary>Reads a file of at most <paramref name="maxBytes"/> (plus the multipart envelope); <paramref name="what"/> names it in messages ("a photo").</summary>
    /// <exception cref="ApiException">400 no file or empty, 413 too large.</exception>
    internal static async Task<Upload> ReadAsync(HttpRequest request, FaceMaskWebOptions options, long maxBytes, string what, CancellationToken cancellationToken)
    {
        if (request.ContentLength > options.MaxRequestBodyBytes)
        {
            request.HttpContext.Response.Headers.Connection = "close";
            throw TooLarge(request.ContentLength.Value, maxBytes);
        }

        byte[] body = await ReadBodyAsync(request, options, maxBytes, cancellationToken).ConfigureAwait(false);
        Upload upload = IsMultipart(request.ContentType, out string? boundary)
            ? await ReadFormFileAsync(body, boundary, what, cancellationToken).ConfigureAwait(false)
            : new Upload(body, DefaultName);
        if (upload.Bytes.Length > maxBytes)
        {
            throw TooLarge(upload.Bytes.Length, maxBytes);
        }

        if (upload.Bytes.IsEmpty)
        {
            throw new ApiException(400, upload.Name == DefaultName
                ? $"empty request: send {what} as multipart/form-data (field \"file\") or as the request body"
                : $"{upload.Name}: empty file (0 bytes)");
        }

        return upload;
    }

    /// <summary>Reads the body up to the image limit plus the envelope; a longer body is drained (up to Kestrel's limit) and refused.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, FaceMaskWebOptions options, long maxBytes, CancellationToken cancellationToken)
    {
        long limit = maxBytes + options.EnvelopeBytes;
        using var kept = new MemoryStream((int)Math.Min(request.ContentLength ?? 64 * 1024, limit));
        byte[] chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        long total = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total <= limit)
                {
                    kept.Write(chunk, 0, read);
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            request.HttpContext.Response.Headers.Connection = "close";
            throw TooLarge(Math.Max(total, options.MaxRequestBodyBytes + 1), maxBytes);
        }
        catch (BadHttpRequestException ex)
        {
            throw new ApiException(400, "the request body could not be read (" + ex.Message + ")");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        if (total > limit)
        {
            throw TooLarge(total, maxBytes);
        }

        return kept.ToArray();
    }

    private static async Task<Upload> ReadFormFileAsync(byte[] body, string boundary, string what, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, new MemoryStream(body, writable: false));
        Upload? first = null;
        try
        {
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) ||
                    !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                string field = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                string? fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                bool named = string.Equals(field, FileField, StringComparison.Ordinal);
                if (!named && string.IsNullOrEmpty(fileName))
                {
                    continue; // an ordinary text field
                }

                using var content = new MemoryStream();
                await section.Body.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
                var upload = new Upload(content.ToArray(), SafeName(fileName));
                if (named)
                {
                    return upload;
                }

                first ??= upload;
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            throw new ApiException(400, "malformed multipart/form-data body (" + ex.Message + ")");
        }

        return first ?? throw new ApiException(400, $"no file in the form: send {(what == "a photo" ? "the photo" : what)} in a file field named \"file\"");
    }

    private static bool IsMultipart(string? contentType, out string boundary)
    {
        boundary = string.Empty;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) ||
            !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value ?? string.Empty;
        if (boundary.Length == 0)
        {
            throw new ApiException(400, "multipart/form-data without a boundary");
        }

        return true;
    }

    /// <summary>The file name without folders or control characters, shortened; "upload" when there is none.</summary>
    internal static string SafeName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return DefaultName;
        }

        string name = new(Path.GetFileName(fileName.Replace('\\', '/')).Where(c => !char.IsControl(c)).ToArray());
        name = name.Trim();
        return name.Length == 0 ? DefaultName : name.Length > MaxNameLength ? name[..MaxNameLength] : name;
    }

    private static ApiException TooLarge(long bytes, long maxBytes) => new(
        413,
        string.Create(CultureInfo.InvariantCulture, $"upload too large ({Megabytes(bytes)}; the limit is {Megabytes(maxBytes)})"));

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MiB");
}
