using System.Text.Json.Serialization;

namespace FaceMask.Web.Api;

/// <summary>The body of every error response: <c>{"error": {"status": 415, "message": "…"}}</c>.</summary>
/// <param name="Error">The error.</param>
internal sealed record ApiError([property: JsonPropertyName("error")] ApiErrorDetail Error);
