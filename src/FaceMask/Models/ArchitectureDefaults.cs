using FaceMask.Data;

namespace FaceMask.Models;

/// <summary>What an architecture takes and how it trains when the user does not say otherwise.</summary>
/// <param name="InputSize">Image side in pixels.</param>
/// <param name="Resize">How images are brought to <paramref name="InputSize"/>.</param>
/// <param name="Epochs">Training epochs.</param>
/// <param name="BatchSize">Mini-batch size.</param>
/// <param name="Backbone">The frozen backbone whose features the model takes, or null for a model on pixels.</param>
/// <param name="Head">The classifier head of a backbone model, or null.</param>
/// <param name="Threads">libtorch intra-op threads for training.</param>
/// <param name="TunedBackbone">The backbone whose network (and ImageNet weights) a fine-tuned pixel model is built from, or null.</param>
/// <param name="Tune">How much of a fine-tuned backbone trains (see <c>ResNetTuning</c>), or null.</param>
/// <param name="Augment">Whether training augments the pixels by default.</param>
/// <param name="LearningRate">Adam learning rate.</param>
public sealed record ArchitectureDefaults(
    int InputSize,
    ResizeMode Resize,
    int Epochs,
    int BatchSize,
    string? Backbone,
    string? Head,
    int Threads,
    string? TunedBackbone = null,
    string? Tune = null,
    bool Augment = false,
    double LearningRate = 0.001)
{
    /// <summary>The backbone a model of this architecture needs: the one whose features it takes or the one it fine-tunes.</summary>
    public string? AnyBackbone => Backbone ?? TunedBackbone;

    /// <summary>True when <see cref="InputSize"/> is the only size the architecture takes.</summary>
    public bool FixedSize => Backbone is not null;
}
