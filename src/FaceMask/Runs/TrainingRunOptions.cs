using System.Globalization;
using FaceMask.Bias;
using FaceMask.Cleaning;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Training;

namespace FaceMask.Runs;

/// <summary>
/// Options of the runs that train: the architecture and its training, label cleaning, the run folder and loss
/// reweighting by group. Unset values take the architecture's defaults (<see cref="ModelArchitectures.Defaults"/>).
/// </summary>
public record TrainingRunOptions : GroupRunOptions
{
    /// <summary>seed5, seed4, resnet18 or resnet18-ft.</summary>
    public string Arch { get; init; } = ModelArchitectures.Seed5;

    /// <summary>resnet18's classifier head: mlp or linear.</summary>
    public string? Head { get; init; }

    /// <summary>resnet18-ft: what trains besides the classifier (layer4, layer3 or all).</summary>
    public string? Tune { get; init; }

    /// <summary>Epochs.</summary>
    public int? Epochs { get; init; }

    /// <summary>Batch size.</summary>
    public int? Batch { get; init; }

    /// <summary>Adam learning rate.</summary>
    public double? LearningRate { get; init; }

    /// <summary>constant or cosine.</summary>
    public string? Schedule { get; init; }

    /// <summary>Share of each target spread evenly over all classes.</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>Average the trainable weights of every step from this fraction of the run on (0 = off).</summary>
    public double AverageWeightsFrom { get; init; }

    /// <summary>resnet18-ft: the new classifier's learning rate as a multiple of the learning rate.</summary>
    public double? ClassifierRateFactor { get; init; }

    /// <summary>Seed for splits, weights, shuffling and augmentation.</summary>
    public int Seed { get; init; }

    /// <summary>libtorch threads.</summary>
    public int? Threads { get; init; }

    /// <summary>Augment training images.</summary>
    public bool Augment { get; init; }

    /// <summary>basic, strong or scale (turns <see cref="Augment"/> on).</summary>
    public string? AugmentPolicy { get; init; }

    /// <summary>Normalisation mean "R,G,B" of [0,1] pixels (not for backbone models).</summary>
    public string? Mean { get; init; }

    /// <summary>Normalisation sd "R,G,B" (not for backbone models).</summary>
    public string? Std { get; init; }

    /// <summary>Leave likely wrong labels out of each training (confident learning); writes flagged_labels.csv.</summary>
    public bool CleanTrainLabels { get; init; }

    /// <summary>Inner folds of <see cref="CleanTrainLabels"/>.</summary>
    public int CleanFolds { get; init; } = LabelCleaningOptions.DefaultInnerFolds;

    /// <summary>Run folder (default runs/&lt;timestamp&gt;-&lt;verb&gt;); must not exist or be empty.</summary>
    public string? Out { get; init; }

    /// <summary>Reweight the loss so every group × class cell of this attribute carries equal weight (needs <see cref="GroupRunOptions.Attributes"/>).</summary>
    public string? BalanceBy { get; init; }

    /// <summary>Cap on a <see cref="BalanceBy"/> weight, relative to the mean weight 1.</summary>
    public double MaxWeight { get; init; } = GroupBalancing.DefaultMaxWeight;

    /// <inheritdoc/>
    protected override string InputArch => Arch;

    /// <summary>The experiment these options describe, for <paramref name="arch"/> (default <see cref="Arch"/>; a resumed model's own).</summary>
    /// <exception cref="FaceMaskException">The options do not go together, or a value is out of range.</exception>
    internal ExperimentOptions ExperimentOptions(string? arch = null)
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
            AverageWeightsFrom = AverageWeightsFrom,
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

    /// <summary>The settings of <paramref name="options"/> to record in the run's report.</summary>
    internal static Dictionary<string, string> Record(ExperimentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
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

        if (options.Training.AverageWeightsFrom > 0)
        {
            record["average_weights_from"] = options.Training.AverageWeightsFrom.ToString(CultureInfo.InvariantCulture);
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

    /// <summary>The group labels, or null without <see cref="GroupRunOptions.Attributes"/>.</summary>
    /// <exception cref="FaceMaskException"><see cref="BalanceBy"/> without attributes, or the attributes cannot be read.</exception>
    internal GroupAttributes? LoadAttributes()
    {
        if (BalanceBy is not null && Attributes is null)
        {
            throw new FaceMaskException("--balance-by needs --attributes CSV|DIR");
        }

        return LoadGivenAttributes();
    }

    /// <summary>Adds the group settings (attributes, balancing) to a run's record.</summary>
    internal void RecordBias(IDictionary<string, string> record)
    {
        record["attributes"] = Attributes ?? string.Empty;
        record["balance_by"] = BalanceBy ?? string.Empty;
        if (BalanceBy is not null)
        {
            record["max_weight"] = MaxWeight.ToString(CultureInfo.InvariantCulture);
        }
    }
}
