using FaceMask.Cleaning;
using FaceMask.Models;
using FaceMask.Training;

namespace FaceMask.Protocols;

/// <summary>What to build and how to train it, shared by the hold-out and k-fold protocols.</summary>
internal sealed record ExperimentOptions
{
    /// <summary>Architecture name (see <see cref="ModelArchitectures"/>).</summary>
    public string Arch { get; init; } = ModelArchitectures.Seed5;

    /// <summary>Normalisation applied to the [0, 1] pixels.</summary>
    public Normalization Normalization { get; init; } = Normalization.Half;

    /// <summary>Training hyper-parameters.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>Classifier head of a backbone architecture (<see cref="HeadKinds"/>); null takes the architecture's default.</summary>
    public string? Head { get; init; }

    /// <summary>Optional per-image group ids (same order as the dataset) that must not be split across folds.</summary>
    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>
    /// K-fold only: one fold per distinct id of <see cref="Groups"/> (e.g. per image source) instead of a fixed number of
    /// stratified folds; each fold holds out one group entirely.
    /// </summary>
    public bool LeaveOneGroupOut { get; init; }

    /// <summary>When set, every training set is checked for label issues first and flagged images are left out of it (<see cref="LabelCleaner"/>).</summary>
    public LabelCleaningOptions? CleanTrainLabels { get; init; }

    /// <summary>How much of a fine-tuned backbone trains (<c>ResNetTuning</c>); null takes the architecture's default.</summary>
    public string? Tune { get; init; }

    /// <summary>Throws a <see cref="FaceMaskException"/> for settings the architecture cannot train with.</summary>
    public void Validate()
    {
        var defaults = ModelArchitectures.Defaults(Arch);
        Training.Validate();
        CleanTrainLabels?.Validate();
        if (defaults.Backbone is not null && Training.Augment)
        {
            throw new FaceMaskException($"--augment works on pixels; {Arch} trains on backbone features and always uses randomly mirrored ones");
        }

        if (defaults.Backbone is null && Head is not null)
        {
            throw new FaceMaskException($"--head {Head}: only backbone architectures have a head; {Arch} has none");
        }

        if (Tune is not null && defaults.TunedBackbone is null)
        {
            throw new FaceMaskException($"--tune {Tune}: only {ModelArchitectures.ResNet18FineTuned} fine-tunes a backbone; {Arch} has nothing to tune");
        }

        if (Tune is not null && !ResNet.ResNetTuning.Names.Contains(Tune))
        {
            throw new FaceMaskException($"--tune {Tune}: unknown; known: {string.Join(", ", ResNet.ResNetTuning.Names)}");
        }

        if (Head is not null && !HeadKinds.Names.Contains(Head))
        {
            throw new FaceMaskException($"--head {Head}: unknown head; known: {string.Join(", ", HeadKinds.Names)}");
        }
    }
}
