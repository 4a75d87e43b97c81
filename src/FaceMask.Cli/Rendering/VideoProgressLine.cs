using System.Globalization;
using FaceMask.Video;

namespace FaceMask.Cli.Rendering;

/// <summary>
/// The progress of <c>facemask video</c> on standard error (standard output stays clean for JSON and CSV): one line
/// rewritten in place on a terminal, "<c>clip.mp4: 450/900 frames, 41.3 frames/s, about 11 s left</c>"; plain lines
/// every 10 % (or every 10 s when the length is unknown) when standard error is redirected.
/// </summary>
internal sealed class VideoProgressLine(TextWriter error, bool interactive) : IProgress<VideoProgress>
{
    private int printedTenths;
    private double lastPlainSeconds;
    private bool open;

    public static VideoProgressLine ForConsole() => new(Console.Error, !Console.IsErrorRedirected);

    public void Report(VideoProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string line = Text(value);
        if (interactive)
        {
            error.Write("\r" + line.PadRight(78));
            open = true;
            error.Flush();
            return;
        }

        int tenths = value.ExpectedFrames > 0 ? (int)(10 * value.Frames / value.ExpectedFrames) : 0;
        bool due = value.ExpectedFrames > 0 ? tenths > printedTenths : value.Elapsed.TotalSeconds - lastPlainSeconds >= 10;
        if (due)
        {
            printedTenths = tenths;
            lastPlainSeconds = value.Elapsed.TotalSeconds;
            error.WriteLine(line);
        }
    }

    /// <summary>Ends the rewritten line (call after each video).</summary>
    public void Finish()
    {
        if (open)
        {
            error.WriteLine();
            open = false;
        }

        printedTenths = 0;
        lastPlainSeconds = 0;
    }

    internal static string Text(VideoProgress value)
    {
        string name = Path.GetFileName(value.Path);
        string total = value.ExpectedFrames > 0 ? string.Create(CultureInfo.InvariantCulture, $"/{value.ExpectedFrames}") : string.Empty;
        string left = value.Remaining is { } r ? string.Create(CultureInfo.InvariantCulture, $", about {Math.Ceiling(r.TotalSeconds):0} s left") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{name}: {value.Frames}{total} frames, {value.FramesPerSecond:0.0} frames/s{left}");
    }
}
