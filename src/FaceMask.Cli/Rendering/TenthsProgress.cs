using System.Globalization;
using FaceMask.Data;
using Spectre.Console;

namespace FaceMask.Cli.Rendering;

/// <summary>
/// Progress of work that takes minutes, as plain lines (readable when the output is redirected): one line at every
/// tenth of the files done, "<c>{activity}: done/total</c>". Reports may come from several threads.
/// </summary>
internal sealed class TenthsProgress(IAnsiConsole console, string activity) : IProgress<LoadProgress>
{
    private readonly Lock gate = new();
    private int printedTenths;

    public void Report(LoadProgress value)
    {
        if (value.FromCache || value.Total == 0)
        {
            return;
        }

        int tenths = (int)(10L * value.Done / value.Total);
        lock (gate)
        {
            if (tenths > printedTenths && tenths < 10)
            {
                printedTenths = tenths;
                PlainText.WriteLine(console, string.Create(CultureInfo.InvariantCulture, $"{activity}: {value.Done}/{value.Total}"));
            }
        }
    }
}
