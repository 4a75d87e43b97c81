namespace FaceMask;

/// <summary>
/// An error caused by the user's input (a bad image, a corrupt model folder, a mismatched dataset).
/// Its message names the file and the problem and is meant to be shown as is, without a stack trace.
/// </summary>
public class FaceMaskException : Exception
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public FaceMaskException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a user-facing message and the underlying cause.</summary>
    public FaceMaskException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
