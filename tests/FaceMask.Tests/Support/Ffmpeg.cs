using System.Diagnostics;
using System.Globalization;

namespace FaceMask.Tests.Support;

/// <summary>Runs Debian's ffmpeg/ffprobe for the video tests (making test videos, counting frames).</summary>
internal static class Ffmpeg
{
    /// <summary>Why video tests skip (ffmpeg or ffprobe not on the PATH), or null.</summary>
    public static string? MissingReason
    {
        get
        {
            string[] folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
            return new[] { "ffmpeg", "ffprobe" }.All(tool => folders.Any(f => File.Exists(Path.Combine(f, tool))))
                ? null
                : "ffmpeg/ffprobe are not on the PATH (apt-get install ffmpeg; .ci/run installs it)";
        }
    }

    /// <summary>Runs ffmpeg at the lowest priority with <paramref name="arguments"/>; fails the test on a non-zero exit.</summary>
    public static void Run(params string[] arguments) => Exec("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", .. arguments]);

    /// <summary>Frames ffprobe decodes from the first video stream.</summary>
    public static int CountFrames(string path)
    {
        string output = Exec("ffprobe", ["-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", path]);
        return int.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }

    private static string Exec(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo("nice") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "-n", "19", tool }.Concat(arguments))
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.Result}");
        }

        return stdout.Result;
    }
}
