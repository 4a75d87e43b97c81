using System.ComponentModel;
using FaceMask.Cleaning;
using FaceMask.Models;
using FaceMask.Runs;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Settings;

/// <summary>Options of the commands that train (each takes group labels too, for a per-group evaluation).</summary>
internal class TrainingSettings : GroupSettings
{
    [CommandOption("--arch <NAME>")]
    [Description("seed5 (default, the original's new model), seed4 (its old model), resnet18 (frozen ImageNet ResNet18 features + a trained head) or resnet18-ft (the same ResNet18 fine-tuned on augmented pixels).")]
    public string Arch { get; init; } = ModelArchitectures.Seed5;

    [CommandOption("--head <KIND>")]
    [Description("resnet18's classifier head: mlp (default; 512-256-classes, ReLU, dropout 0.5) or linear (logistic regression).")]
    public string? Head { get; init; }

    [CommandOption("--tune <PART>")]
    [Description("resnet18-ft: what trains besides the classifier: layer4 (default; the last stage), layer3 (the last two) or all.")]
    public string? Tune { get; init; }

    [CommandOption("--epochs <N>")]
    [Description("Epochs (default 10; 15 for resnet18; 1 for resnet18-ft).")]
    public int? Epochs { get; init; }

    [CommandOption("--batch <N>")]
    [Description("Batch size (default 32; 64 for resnet18).")]
    public int? Batch { get; init; }

    [CommandOption("--lr <RATE>")]
    [Description("Adam learning rate (default 0.001; 0.0001 for resnet18-ft).")]
    public double? LearningRate { get; init; }

    [CommandOption("--lr-schedule <NAME>")]
    [Description("constant (default) or cosine (the learning rate falls to zero along a half cosine over the run, batch by batch).")]
    public string? Schedule { get; init; }

    [CommandOption("--label-smoothing <S>")]
    [Description("Share of each target spread evenly over all classes, 0 (default) to below 1; softens the loss on labels that may be wrong.")]
    public double LabelSmoothing { get; init; }

    [CommandOption("--average-weights-from <F>")]
    [Description("Average the trained weights of every step from this fraction of the run on (0-1, e.g. 0.5: the second half; default 0 = off) and end with the average (stochastic weight averaging).")]
    public double AverageWeightsFrom { get; init; }

    [CommandOption("--classifier-lr-factor <F>")]
    [Description("resnet18-ft: the new classifier's learning rate as a multiple of --lr (default 1).")]
    public double? ClassifierRateFactor { get; init; }

    [CommandOption("--seed <N>")]
    [Description("Seed for splits, weights, shuffling and augmentation (default 0).")]
    public int Seed { get; init; }

    [CommandOption("--threads <N>")]
    [Description("libtorch threads (default 2; 1 for resnet18); fix it for bit-identical runs.")]
    public int? Threads { get; init; }

    [CommandOption("--augment")]
    [Description("Random flip, resized crop, brightness and saturation jitter while training (pixel models; always on for resnet18-ft; resnet18 always trains on randomly mirrored features).")]
    public bool Augment { get; init; }

    [CommandOption("--augment-policy <NAME>")]
    [Description("How strongly training images are changed: basic (default; crop area 70–100 %, brightness and saturation ±20 %), strong (crop area 50–100 %, brightness, saturation and contrast ±30 %, hue ±18°, 10 % grey, a third shrunk to 35–100 % and enlarged again) or scale (strong's crop, contrast ±30 % and shrinking; brightness and saturation ±20 % as basic; no hue change and no grey). Turns --augment on.")]
    public string? AugmentPolicy { get; init; }

    [CommandOption("--mean <R,G,B>")]
    [Description("Normalisation mean of [[0,1]] pixels (default 0.5,0.5,0.5; not for resnet18).")]
    public string? Mean { get; init; }

    [CommandOption("--std <R,G,B>")]
    [Description("Normalisation sd (default 0.5,0.5,0.5; not for resnet18).")]
    public string? Std { get; init; }

    [CommandOption("--clean-train-labels")]
    [Description("Before each training, an inner cross-validation over the training images flags likely wrong labels (confident learning) and leaves them out of that training; test images are never changed. Writes flagged_labels.csv.")]
    public bool CleanTrainLabels { get; init; }

    [CommandOption("--clean-folds <K>")]
    [Description("Inner folds of --clean-train-labels (default 5).")]
    public int CleanFolds { get; init; } = LabelCleaningOptions.DefaultInnerFolds;

    [CommandOption("--out <DIR>")]
    [Description("Run folder (default runs/<timestamp>-<verb>); must not exist or be empty.")]
    public string? Out { get; init; }

    /// <summary><paramref name="options"/> with this group's values, the group options' and the data options'.</summary>
    protected T WithTraining<T>(T options)
        where T : TrainingRunOptions
    {
        TrainingRunOptions training = WithGroups(options);
        return (T)(training with
        {
            Arch = Arch,
            Head = Head,
            Tune = Tune,
            Epochs = Epochs,
            Batch = Batch,
            LearningRate = LearningRate,
            Schedule = Schedule,
            LabelSmoothing = LabelSmoothing,
            AverageWeightsFrom = AverageWeightsFrom,
            ClassifierRateFactor = ClassifierRateFactor,
            Seed = Seed,
            Threads = Threads,
            Augment = Augment,
            AugmentPolicy = AugmentPolicy,
            Mean = Mean,
            Std = Std,
            CleanTrainLabels = CleanTrainLabels,
            CleanFolds = CleanFolds,
            Out = Out,
        });
    }
}
