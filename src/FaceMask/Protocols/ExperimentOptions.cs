using FaceMask.Models;
using FaceMask.Training;

namespace FaceMask.Protocols;

/// <summary>What to build and how to train it, shared by the hold-out and k-fold protocols.</summary>
public sealed record ExperimentOptions
{
    /// <summary>Architecture name (see <see cref="ModelArchitectures"/>).</summary>
    public string Arch { get; init; } = ModelArchitectures.Seed5;

    /// <summary>Normalisation applied to the [0, 1] pixels.</summary>
    public Normalization Normalization { get; init; } = Normalization.Half;

    /// <summary>Training hyper-parameters.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>Optional per-image group ids (same order as the dataset) that must not be split across folds.</summary>
    public IReadOnlyList<string>? Groups { get; init; }
}
