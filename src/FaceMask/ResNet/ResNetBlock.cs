using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceMask.ResNet;

/// <summary>A residual basic block: relu(bn(conv(relu(bn(conv(x))))) + shortcut(x)), the shortcut a 1×1 convolution + bn or the identity.</summary>
internal sealed class ResNetBlock : Module<Tensor, Tensor>
{
    private readonly ConvBatchNorm first;
    private readonly ConvBatchNorm second;
    private readonly ConvBatchNorm? shortcut;

    /// <summary>Creates a block from its parts.</summary>
    public ResNetBlock(ConvBatchNorm first, ConvBatchNorm second, ConvBatchNorm? shortcut)
        : base("block")
    {
        this.first = first;
        this.second = second;
        this.shortcut = shortcut;
        RegisterComponents();
    }

    /// <summary>The first convolution + batch norm (followed by ReLU).</summary>
    internal ConvBatchNorm First => first;

    /// <summary>The second convolution + batch norm (added to the shortcut, then ReLU).</summary>
    internal ConvBatchNorm Second => second;

    /// <summary>The projection shortcut, or null for the identity.</summary>
    internal ConvBatchNorm? Shortcut => shortcut;

    /// <summary>Output channels.</summary>
    public long Channels => second.Conv.weight!.shape[0];

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var hidden = functional.relu(first.forward(input), inplace: true);
        var main = second.forward(hidden);
        hidden.Dispose();
        var skip = shortcut is null ? input : shortcut.forward(input);
        return functional.relu(main.add_(skip), inplace: true).MoveToOuterDisposeScope();
    }
}
