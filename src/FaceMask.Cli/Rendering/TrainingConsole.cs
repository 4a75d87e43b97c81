using System.Globalization;
using FaceMask.Training;
using Spectre.Console;

namespace FaceMask.Cli.Rendering;

/// <summary>
/// Shows training progress: one plain line per epoch (always, so redirected output and logs have it) and,
/// on an interactive terminal, a Spectre progress bar for the batches of the current epoch.
/// </summary>
internal static class TrainingConsole
{
    public static T Run<T>(IAnsiConsole console, string title, Func<IProgress<TrainingProgress>, T> work)
    {
        if (!console.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
        {
            return work(new LineProgress(console, null));
        }

        T result = default!;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(title);
                result = work(new LineProgress(console, task));
            });
        return result;
    }

    public static string FormatEpoch(EpochResult e)
    {
        var inv = CultureInfo.InvariantCulture;
        string fold = e.Fold is { } f ? string.Create(inv, $"Fold {f}, ") : string.Empty;
        string line = string.Create(inv, $"{fold}Epoch {e.Epoch}/{e.Epochs}, Loss--> {e.Loss:0.0000}, Accuracy--> {e.Accuracy * 100:0.00}%");
        if (e.ValidationLoss is { } vl && e.ValidationAccuracy is { } va)
        {
            line += string.Create(inv, $", Val loss--> {vl:0.0000}, Val accuracy--> {va * 100:0.00}%");
        }

        return line + string.Create(inv, $" ({e.Seconds:0.0} s)");
    }

    private sealed class LineProgress(IAnsiConsole console, ProgressTask? task) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (task is not null)
            {
                task.Description = value.Fold is { } f ? $"fold {f} epoch {value.Epoch}/{value.Epochs}" : $"epoch {value.Epoch}/{value.Epochs}";
                task.MaxValue = value.Batches;
                task.Value = value.BatchesDone;
            }

            if (value.Completed is { } epoch)
            {
                PlainText.WriteLine(console, FormatEpoch(epoch));
            }
        }
    }
}
