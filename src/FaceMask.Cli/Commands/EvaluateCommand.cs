using System.ComponentModel;
using System.Diagnostics;
using FaceMask.Cli.Rendering;
using FaceMask.Cli.Settings;
using FaceMask.Detection;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Reporting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Commands;

/// <summary><c>facemask evaluate</c>: a saved model on a labelled folder, written as a run folder.</summary>
internal sealed class EvaluateCommand(IAnsiConsole console) : Command<EvaluateCommand.Options>
{
    internal sealed class Options : DataSettings
    {
        [CommandOption("--model <DIR>")]
        [Description("Model folder (holds model.json); default: the shipped model (models/default).")]
        public string? Model { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Run folder (default runs/<timestamp>-evaluate).")]
        public string? Out { get; init; }
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        string modelDirectory = ModelStore.ResolveDirectory(settings.Model);
        using var model = ModelStore.Load(modelDirectory);
        if (settings.Size is { } size && size != model.Manifest.InputSize)
        {
            throw new FaceMaskException($"--size {size}: the model at {modelDirectory} expects {model.Manifest.InputSize} px");
        }

        // A face-crop model gets each whole image's best face, cropped as predict crops it (a face-cropped copy as it is).
        string dataRoot = settings.RequireData();
        using var faces = FaceCropPreparer.For(model.Manifest, dataRoot);
        var load = settings.LoadOptions(model.Manifest) with { Preparer = faces };
        var data = DataConsole.Load(console, dataRoot, load, cancellationToken);
        string runDir = RunFolder.Create(settings.Out, "evaluate", started);
        using var result = EvaluationProtocol.Run(model, data);
        var runContext = new RunContext
        {
            Verb = "evaluate",
            Command = CommandLine.Of("evaluate", context.Remaining.Raw),
            StartedUtc = started,
            WallSeconds = clock.Elapsed.TotalSeconds,
            Data = data,
            Settings = new Dictionary<string, string> { ["model"] = Path.GetFullPath(modelDirectory) },
        };
        var (report, _) = RunRecorder.Record(result, runContext, runDir, model.Manifest);
        ReportConsole.Print(console, report, runDir);
        return 0;
    }
}
