using FaceMask.Cli.Rendering;
using FaceMask.Cli.Settings;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Commands;

/// <summary><c>facemask data stats</c>: the original's table of images per class, plus skipped files.</summary>
internal sealed class DataStatsCommand(IAnsiConsole console) : Command<DataSettings>
{
    public override int Execute(CommandContext context, DataSettings settings, CancellationToken cancellationToken)
    {
        var data = DataConsole.Load(console, settings.ToDataOptions().RequireData(), settings.ToDataOptions().LoadOptions(), cancellationToken);
        var counts = data.Classes.Select((_, i) => data.Labels.Count(l => l == i)).ToArray();
        DataConsole.PrintClassTable(console, data.Classes, counts);
        return 0;
    }
}
