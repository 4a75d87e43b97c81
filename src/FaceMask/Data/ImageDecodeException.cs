namespace FaceMask.Data;

/// <summary>An image file that cannot be used; the message is <c>"&lt;path&gt;: &lt;reason&gt;"</c>.</summary>
public sealed class ImageDecodeException : FaceMaskException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file as it should be named to the user (relative to the dataset root where possible).</param>
    /// <param name="problem">The kind of problem.</param>
    /// <param name="reason">What is wrong, without the file name, e.g. <c>truncated image (JPEG data ends early)</c>.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public ImageDecodeException(string path, ImageProblem problem, string reason, Exception? innerException = null)
        : base(path + ": " + reason, innerException!)
    {
        Path = path;
        Problem = problem;
        Reason = reason;
    }

    /// <summary>The file as named in the message.</summary>
    public string Path { get; }

    /// <summary>The kind of problem.</summary>
    public ImageProblem Problem { get; }

    /// <summary>What is wrong with the file, without the file name.</summary>
    public string Reason { get; }
}
