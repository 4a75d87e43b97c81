using FaceMask.Cli;
using Spectre.Console;

namespace FaceMask.Tests.Support;

/// <summary>Runs the facemask command tree in-process with a captured, non-interactive console.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        int code = FaceMaskApp.Run(args, console);
        return (code, writer.ToString());
    }
}
