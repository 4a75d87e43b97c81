using Spectre.Console;

namespace FaceMask.Cli.Rendering;

/// <summary>Writes text straight to the console's output, unwrapped and unstyled (for log lines, JSON and CSV).</summary>
internal static class PlainText
{
    public static void WriteLine(IAnsiConsole console, string text)
    {
        var writer = console.Profile.Out.Writer;
        writer.Write(text);
        writer.Write('\n');
        writer.Flush();
    }
}
