using System.ComponentModel;
using System.Globalization;
using FaceMask.Cleaning;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Training;
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

    protected override string InputArch => Arch;

    /// <summary>The experiment these options describe, for <paramref name="arch"/> (default --arch; a resumed model's own).</summary>
    public ExperimentOptions ExperimentOptions(string? arch = null)
    {
        arch ??= Arch;
        if (!ModelArchitectures.Names.Contains(arch))
        {
            throw new FaceMaskException($"--arch {arch}: unknown architecture; known: {string.Join(", ", ModelArchitectures.Names)}");
        }

        var defaults = ModelArchitectures.Defaults(arch);
        if (defaults.Backbone is null && Head is not null)
        {
            throw new FaceMaskException($"--head {Head}: only resnet18 has a head; {arch} has none");
        }

        Normalization normalization;
        if (defaults.AnyBackbone is not null)
        {
            if (Mean is not null || Std is not null)
            {
                throw new FaceMaskException($"--mean/--std: {arch} uses the {defaults.AnyBackbone} backbone, which normalises the pixels itself");
            }

            if (Head is not null && !HeadKinds.Names.Contains(Head))
            {
                throw new FaceMaskException($"--head {Head}: unknown head; known: {string.Join(", ", HeadKinds.Names)}");
            }

            normalization = Normalization.Identity;
        }
        else
        {
            normalization = new Normalization(
                Mean is null ? Normalization.Half.Mean : Normalization.ParseTriple(Mean, "--mean"),
                Std is null ? Normalization.Half.Std : Normalization.ParseTriple(Std, "--std"));
            normalization.Validate();
        }

        if (ClassifierRateFactor is not null && defaults.TunedBackbone is null)
        {
            throw new FaceMaskException($"--classifier-lr-factor: only resnet18-ft fine-tunes a pretrained backbone under a new classifier; {arch} does not");
        }

        var training = new TrainingOptions
        {
            Epochs = Epochs ?? defaults.Epochs,
            BatchSize = Batch ?? defaults.BatchSize,
            LearningRate = LearningRate ?? defaults.LearningRate,
            Schedule = Schedule ?? LearningRateSchedule.Constant,
            LabelSmoothing = LabelSmoothing,
            NewLayersRateFactor = ClassifierRateFactor ?? 1,
            Seed = Seed,
            Threads = Threads ?? defaults.Threads,
            Augment = Augment || AugmentPolicy is not null || defaults.Augment,
            AugmentPolicy = AugmentPolicy ?? AugmentationPolicy.Basic.Name,
        };
        training.Validate();
        var options = new ExperimentOptions
        {
            Arch = arch,
            Head = defaults.Backbone is null ? null : Head ?? defaults.Head,
            Tune = defaults.TunedBackbone is null ? Tune : Tune ?? defaults.Tune,
            Normalization = normalization,
            Training = training,
            CleanTrainLabels = CleanTrainLabels ? new LabelCleaningOptions { InnerFolds = CleanFolds } : null,
        };
        options.Validate();
        return options;
    }

    /// <summary>The settings to record in the run's report, as given or defaulted for --arch.</summary>
    public Dictionary<string, string> Record() => Record(ExperimentOptions());

    /// <summary>The settings of <paramref name="options"/> to record in the run's report.</summary>
    public static Dictionary<string, string> Record(ExperimentOptions options)
    {
        var record = new Dictionary<string, string>
        {
            ["arch"] = options.Arch,
            ["epochs"] = options.Training.Epochs.ToString(CultureInfo.InvariantCulture),
            ["batch"] = options.Training.BatchSize.ToString(CultureInfo.InvariantCulture),
            ["lr"] = options.Training.LearningRate.ToString(CultureInfo.InvariantCulture),
            ["seed"] = options.Training.Seed.ToString(CultureInfo.InvariantCulture),
            ["threads"] = options.Training.Threads.ToString(CultureInfo.InvariantCulture),
            ["augment"] = options.Training.Augment ? "true" : "false",
        };
        if (options.Training.Schedule != LearningRateSchedule.Constant)
        {
            record["lr_schedule"] = options.Training.Schedule;
        }

        if (options.Training.Augment && options.Training.AugmentPolicy != AugmentationPolicy.Basic.Name)
        {
            record["augment_policy"] = options.Training.AugmentPolicy;
        }

        if (options.Training.NewLayersRateFactor != 1)
        {
            record["classifier_lr_factor"] = options.Training.NewLayersRateFactor.ToString(CultureInfo.InvariantCulture);
        }

        if (options.Training.LabelSmoothing > 0)
        {
            record["label_smoothing"] = options.Training.LabelSmoothing.ToString(CultureInfo.InvariantCulture);
        }

        if (options.Head is not null)
        {
            record["head"] = options.Head;
        }

        if (options.CleanTrainLabels is { } cleaning)
        {
            record["clean_train_labels"] = "confident-learning";
            record["clean_folds"] = cleaning.InnerFolds.ToString(CultureInfo.InvariantCulture);
        }

        if (options.Tune is not null)
        {
            record["tune"] = options.Tune;
        }

        return record;
    }
}
