using FFMpegCore;

namespace FaceMask.Video;

/// <summary>Finds Debian's (or any) <c>ffmpeg</c> and <c>ffprobe</c> programs and gives FFMpegCore their folder.</summary>
internal static class FfmpegTools
{
    /// <summary>Environment variable naming the folder of the two programs.</summary>
    public const string DirectoryVariable = "FACEMASK_FFMPEG_DIR";

    /// <summary>FFMpegCore's options for the folder holding both programs.</summary>
    /// <param name="directory">The folder given by the caller, else <c>$FACEMASK_FFMPEG_DIR</c>, else the PATH.</param>
    /// <param name="fileForErrors">The video the programs are wanted for, named in the error.</param>
    /// <exception cref="VideoException">A program is missing.</exception>
    public static FFOptions Locate(string? directory, string fileForErrors)
    {
        string? chosen = directory ?? NonEmpty(Environment.GetEnvironmentVariable(DirectoryVariable));
        IEnumerable<string> candidates = chosen is not null
            ? [chosen]
            : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (string folder in candidates)
        {
            if (File.Exists(System.IO.Path.Combine(folder, "ffmpeg")) && File.Exists(System.IO.Path.Combine(folder, "ffprobe")))
            {
                return new FFOptions { BinaryFolder = folder, TemporaryFilesFolder = System.IO.Path.GetTempPath() };
            }
        }

        string where = chosen is not null ? $"in {chosen}" : "on the PATH";
        throw new VideoException(
            VideoProblem.ToolMissing,
            $"{fileForErrors}: cannot read videos: the ffmpeg and ffprobe programs were not found {where} " +
            $"(install them: apt-get install ffmpeg; or set {DirectoryVariable} to their folder)");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
