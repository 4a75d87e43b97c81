using FaceMask.Bias;
using FaceMask.Data;
using FaceMask.Protocols;
using FaceMask.Reporting;
using FaceMask.Runs;
using FaceMask.Training;
using Spectre.Console;

namespace FaceMask.Cli.Rendering;

/// <summary>Shows a <see cref="RunPipeline"/> run on the console as it happens, with the other renderers.</summary>
internal sealed class RunConsole(IAnsiConsole console) : IRunObserver
{
    public IProgress<LoadProgress>? Loading(DatasetLoadOptions options) => DataConsole.Progress(console, options);

    public void Loaded(LoadedDataset data, TimeSpan elapsed) => DataConsole.PrintLoaded(console, data, elapsed);

    public void Skipped(IReadOnlyList<SkippedFile> skipped) => DataConsole.PrintSkipped(console, skipped);

    public void Balanced(GroupBalance balance) => BiasConsole.PrintBalance(console, balance);

    public void GroupsMissing(int images, string groupsFile) =>
        console.MarkupLine($"[yellow]{images} image(s) have no row in {Markup.Escape(groupsFile)}; each is its own group.[/]");

    public T Training<T>(string title, Func<IProgress<TrainingProgress>?, T> work) => TrainingConsole.Run(console, title, work);

    public void Recorded(RunReport report, ExperimentResult result, string runDirectory)
    {
        ReportConsole.Print(console, report, runDirectory);
        GeneralisationConsole.PrintHeldOutGroups(console, result);
    }

    public void LabelsFlagged(ExperimentResult result, string path) => GeneralisationConsole.PrintFlagged(console, result, path);

    public void BiasWritten(BiasReport report, string runDirectory) => BiasConsole.Print(console, report, runDirectory);
}
