using System.ComponentModel;
using System.Globalization;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Training;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Settings;

/// <summary>Options of the commands that train.</summary>
internal class TrainingSettings : DataSettings
{
    [CommandOption("--arch <NAME>")]
    [Description("seed5 (default, the original's new model) or seed4 (its old model).")]
    public string Arch { get; init; } = ModelArchitectures.Seed5;

    [CommandOption("--epochs <N>")]
    [Description("Epochs (default 10).")]
    public int Epochs { get; init; } = 10;

    [CommandOption("--batch <N>")]
    [Description("Batch size (default 32).")]
    public int Batch { get; init; } = 32;

    [CommandOption("--lr <RATE>")]
    [Description("Adam learning rate (default 0.001).")]
    public double LearningRate { get; init; } = 0.001;

    [CommandOption("--seed <N>")]
    [Description("Seed for splits, weights, shuffling and augmentation (default 0).")]
    public int Seed { get; init; }

    [CommandOption("--threads <N>")]
    [Description("libtorch threads (default 2); fix it for bit-identical runs.")]
    public int Threads { get; init; } = 2;

    [CommandOption("--augment")]
    [Description("Random flip, resized crop, brightness and saturation jitter while training.")]
    public bool Augment { get; init; }

    [CommandOption("--mean <R,G,B>")]
    [Description("Normalisation mean of [0,1] pixels (default 0.5,0.5,0.5).")]
    public string? Mean { get; init; }

    [CommandOption("--std <R,G,B>")]
    [Description("Normalisation sd (default 0.5,0.5,0.5).")]
    public string? Std { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Run folder (default runs/<timestamp>-<verb>); must not exist or be empty.")]
    public string? Out { get; init; }

    public ExperimentOptions ExperimentOptions()
    {
        var normalization = new Normalization(
            Mean is null ? Normalization.Half.Mean : Normalization.ParseTriple(Mean, "--mean"),
            Std is null ? Normalization.Half.Std : Normalization.ParseTriple(Std, "--std"));
        normalization.Validate();
        if (!ModelArchitectures.Names.Contains(Arch))
        {
            throw new FaceMaskException($"--arch {Arch}: unknown architecture; known: {string.Join(", ", ModelArchitectures.Names)}");
        }

        var training = new TrainingOptions
        {
            Epochs = Epochs,
            BatchSize = Batch,
            LearningRate = LearningRate,
            Seed = Seed,
            Threads = Threads,
            Augment = Augment,
        };
        training.Validate();
        return new ExperimentOptions { Arch = Arch, Normalization = normalization, Training = training };
    }

    public Dictionary<string, string> Record() => new()
    {
        ["arch"] = Arch,
        ["epochs"] = Epochs.ToString(CultureInfo.InvariantCulture),
        ["batch"] = Batch.ToString(CultureInfo.InvariantCulture),
        ["lr"] = LearningRate.ToString(CultureInfo.InvariantCulture),
        ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
        ["threads"] = Threads.ToString(CultureInfo.InvariantCulture),
        ["augment"] = Augment ? "true" : "false",
    };
}
