namespace FaceMask.Cli.Commands;

/// <summary>The command line as typed, for the run's record.</summary>
internal static class CommandLine
{
    public static string Of(string verb, IEnumerable<string> remaining) =>
        "facemask " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).DefaultIfEmpty(verb).Select(Quote));

    private static string Quote(string arg) => arg.Length == 0 || arg.Any(char.IsWhiteSpace) ? $"\"{arg}\"" : arg;
}
