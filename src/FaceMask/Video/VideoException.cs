namespace FaceMask.Video;

/// <summary>A video that cannot be analysed: the message names the file and the problem.</summary>
public sealed class VideoException : FaceMaskException
{
    /// <summary>Creates the exception.</summary>
    public VideoException(VideoProblem problem, string message, Exception? innerException = null)
        : base(message, innerException!) // Exception allows a null inner exception
    {
        Problem = problem;
    }

    /// <summary>What kind of problem it is.</summary>
    public VideoProblem Problem { get; }
}
