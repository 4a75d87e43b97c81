namespace FaceMask.Web.Api;

/// <summary>A request the API refuses: the HTTP status and a message for the client (sent as the JSON error body).</summary>
internal sealed class ApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">HTTP status code (4xx).</param>
    /// <param name="message">What is wrong, in words for the person who sent the request.</param>
    public ApiException(int status, string message)
        : base(message)
    {
        Status = status;
    }

    /// <summary>HTTP status code.</summary>
    public int Status { get; }
}
