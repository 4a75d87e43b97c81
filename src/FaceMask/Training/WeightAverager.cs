using static TorchSharp.torch;

namespace FaceMask.Training;

/// <summary>
/// The running mean of a network's trainable weights over training steps (stochastic weight averaging, Izmailov et
/// al., 2018; dense averaging over steps as in SWAD, Cha et al., 2021): <see cref="Add"/> after each step to be
/// averaged, <see cref="Apply"/> to put the means in place of the weights. Batch-norm statistics are buffers, not
/// weights, and stay the network's own.
/// </summary>
internal sealed class WeightAverager : IDisposable
{
    private readonly Tensor[] weights;
    private readonly Tensor?[] means;

    /// <summary>Follows <paramref name="trainable"/> (the tensors the optimizer updates in place).</summary>
    public WeightAverager(IEnumerable<Tensor> trainable)
    {
        ArgumentNullException.ThrowIfNull(trainable);
        weights = [.. trainable];
        means = new Tensor?[weights.Length];
    }

    /// <summary>Steps averaged so far.</summary>
    public int Count { get; private set; }

    /// <summary>Adds the weights as they are now to the means.</summary>
    public void Add()
    {
        Count++;
        using var noGrad = no_grad();
        for (int i = 0; i < weights.Length; i++)
        {
            if (means[i] is not { } mean)
            {
                means[i] = weights[i].detach().clone().DetachFromDisposeScope();
                continue;
            }

            using Tensor change = weights[i].detach() - mean;
            mean.add_(change, alpha: 1.0 / Count);
        }
    }

    /// <summary>Copies the means into the weights (nothing when no step was added).</summary>
    public void Apply()
    {
        if (Count == 0)
        {
            return;
        }

        using var noGrad = no_grad();
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i].copy_(means[i]!);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (Tensor? mean in means)
        {
            mean?.Dispose();
        }
    }
}
