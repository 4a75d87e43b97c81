using System.ComponentModel;
using FaceMask.Cli.Rendering;
using FaceMask.Reporting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Commands;

/// <summary><c>facemask report RUN_DIR</c>: rebuilds report.html (and a generated model card) from a run folder's files.</summary>
internal sealed class ReportCommand(IAnsiConsole console) : Command<ReportCommand.Options>
{
    internal sealed class Options : CommandSettings
    {
        [CommandArgument(0, "<RUN_DIR>")]
        [Description("Run folder (holds report.json).")]
        public string RunDirectory { get; init; } = string.Empty;
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        foreach (string path in ReportRebuilder.Rebuild(settings.RunDirectory))
        {
            PlainText.WriteLine(console, $"Wrote {path}");
        }

        return 0;
    }
}
