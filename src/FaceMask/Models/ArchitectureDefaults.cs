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
public sealed record ArchitectureDefaults(int InputSize, ResizeMode Resize, int Epochs, int BatchSize, string? Backbone, string? Head, int Threads)
{
    /// <summary>True when <see cref="InputSize"/> is the only size the architecture takes.</summary>
    public bool FixedSize => Backbone is not null;
}
