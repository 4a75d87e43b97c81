using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceMask.ResNet;

/// <summary>
/// A bias-free convolution followed by batch normalisation. CNTK pads its stride-2 convolutions [1, 1, 0, 0] (more at
/// the start than at the end); this pads both ends with the start amount, which gives exactly the same output on maps
/// of even side (every map of a 224 px input). Where a map has an odd side (layer3's 7×7 output at 112 px) the ONNX
/// padding would not even add up (a 3×3 main path against a 4×4 shortcut), and this symmetric (torchvision) padding is
/// what keeps the block consistent.
/// </summary>
internal sealed class ConvBatchNorm : Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;

    /// <summary>Creates the pair.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernel">Square kernel side.</param>
    /// <param name="stride">Stride on both axes.</param>
    /// <param name="padBegin">Padding before each axis.</param>
    /// <param name="padEnd">Padding after each axis (at most <paramref name="padBegin"/>).</param>
    /// <param name="epsilon">Batch normalisation epsilon.</param>
    public ConvBatchNorm(long inChannels, long outChannels, long kernel, long stride, long padBegin, long padEnd, double epsilon)
        : base("conv_bn")
    {
        if (padEnd > padBegin || padEnd < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(padEnd), $"end padding {padEnd} must be between 0 and the start padding {padBegin}");
        }

        conv = Conv2d(inChannels, outChannels, kernel, stride: stride, padding: padBegin, bias: false);
        bn = BatchNorm2d(outChannels, eps: epsilon);
        RegisterComponents();
    }

    /// <summary>The convolution (weights out×in×k×k, no bias).</summary>
    public Conv2d Conv => conv;

    /// <summary>The batch normalisation (weight, bias, running mean and variance).</summary>
    public BatchNorm2d Norm => bn;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return bn.forward(conv.forward(input)).MoveToOuterDisposeScope();
    }
}
