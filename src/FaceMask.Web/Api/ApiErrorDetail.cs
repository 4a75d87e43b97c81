using System.Text.Json.Serialization;

namespace FaceMask.Web.Api;

/// <summary>The status and message inside an <see cref="ApiError"/>.</summary>
/// <param name="Status">HTTP status code, repeated in the body.</param>
/// <param name="Message">What went wrong, for a person.</param>
internal sealed record ApiErrorDetail(
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("message")] string Message);
