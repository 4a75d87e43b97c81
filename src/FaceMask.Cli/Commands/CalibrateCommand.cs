using System.ComponentModel;
using FaceMask.Calibration;
using FaceMask.Cli.Rendering;
using FaceMask.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Commands;

/// <summary>
/// <c>facemask calibrate</c>: fit a temperature and an unsure threshold on a run's held-out predictions and write a
/// calibrated copy of the model folder.
/// </summary>
internal sealed class CalibrateCommand(IAnsiConsole console) : Command<CalibrateCommand.Options>
{
    internal sealed class Options : CommandSettings
    {
        [CommandOption("--model <DIR>")]
        [Description("Model folder (holds model.json) to calibrate; its classes must be the run's.")]
        public string? Model { get; init; }

        [CommandOption("--run <DIR>")]
        [Description("Run folder whose predictions.csv holds held-out predictions with true labels (train with a test split, kfold, evaluate).")]
        public string? Run { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Folder for the calibrated copy of the model (weights copied unchanged, calibration set in model.json).")]
        public string? Out { get; init; }

        [CommandOption("--target-accuracy <ACC>")]
        [Description("Accuracy the answered images must reach; below the chosen threshold answers are unsure (default 0.95).")]
        public double TargetAccuracy { get; init; } = CalibrationAnalyzer.DefaultTargetAccuracy;

        [CommandOption("--prior-correction <TAU>")]
        [Description("Divide out the training class shares with this strength before the temperature (1: answer as if every class had been equally common in training; default 0, none). Temperature and threshold are then fitted on the corrected held-out predictions.")]
        public double PriorCorrection { get; init; }

        [CommandOption("--training-data <DIR>")]
        [Description("The labelled folder the model was trained on, counted per class for --prior-correction when model.json does not record its training counts.")]
        public string? TrainingData { get; init; }

        [CommandOption("--overwrite")]
        [Description("Replace the --out folder if it exists and is not empty.")]
        public bool Overwrite { get; init; }
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        if (settings.Model is null || settings.Run is null || settings.Out is null)
        {
            throw new FaceMaskException("calibrate needs --model DIR, --run RUN_DIR and --out DIR");
        }

        if (!(settings.TargetAccuracy > 0 && settings.TargetAccuracy <= 1))
        {
            throw new FaceMaskException($"--target-accuracy {settings.TargetAccuracy}: must be in (0, 1], e.g. 0.95");
        }

        if (!(settings.PriorCorrection >= 0) || !double.IsFinite(settings.PriorCorrection))
        {
            throw new FaceMaskException($"--prior-correction {settings.PriorCorrection}: must be 0 (none) or more, e.g. 1");
        }

        var counts = settings.TrainingData is null || settings.PriorCorrection == 0 ? null : TrainingCounts(settings.TrainingData);
        var result = ModelCalibrator.Calibrate(settings.Model, settings.Run, settings.Out, settings.TargetAccuracy, settings.Overwrite, settings.PriorCorrection, counts);
        CalibrationConsole.Print(console, result);
        return 0;
    }

    private static Dictionary<string, int> TrainingCounts(string folder)
    {
        var images = ImageFolder.Discover(folder);
        int[] counts = images.CountPerClass();
        return images.Classes.Select((c, i) => (c, n: counts[i])).ToDictionary(x => x.c, x => x.n);
    }
}
