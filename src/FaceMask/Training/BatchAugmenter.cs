using FaceMask.Models;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FaceMask.Training;

/// <summary>
/// Random augmentation of a normalised image batch, done with tensor ops on the whole batch, as an
/// <see cref="AugmentationPolicy"/> says: horizontal flip (p = 0.5) and random resized crop (aspect 3:4–4:3, resized
/// back to the input size), brightness and saturation jitter, and — where the policy asks for them — contrast jitter,
/// hue rotation, grey images and a loss of detail by shrinking. Seeded through its own generator; a step the policy
/// switches off draws no random numbers.
/// </summary>
public sealed class BatchAugmenter : IDisposable
{
    // RGB → YIQ (NTSC): Y is the luma the saturation step also uses; a hue change rotates the (I, Q) chroma plane.
    private static readonly float[] RgbToYiq = [0.299f, 0.587f, 0.114f, 0.596f, -0.274f, -0.322f, 0.211f, -0.523f, 0.312f];

    private readonly AugmentationPolicy policy;
    private readonly Generator generator;
    private readonly Tensor mean;
    private readonly Tensor std;
    private readonly Tensor toYiq;
    private readonly Tensor fromYiq;

    /// <summary>Creates an augmenter with the <see cref="AugmentationPolicy.Basic"/> policy.</summary>
    public BatchAugmenter(Normalization normalization, int seed)
        : this(normalization, seed, AugmentationPolicy.Basic)
    {
    }

    /// <summary>Creates an augmenter for images normalised with <paramref name="normalization"/>.</summary>
    /// <exception cref="ArgumentException">A range or probability of <paramref name="policy"/> is out of range.</exception>
    public BatchAugmenter(Normalization normalization, int seed, AugmentationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        this.policy = policy;
        generator = new Generator((ulong)seed);
        mean = tensor(normalization.Mean).view(1, 3, 1, 1);
        std = tensor(normalization.Std).view(1, 3, 1, 1);
        toYiq = tensor(RgbToYiq).view(3, 3);
        fromYiq = linalg.inv(toYiq);
    }

    /// <summary>Returns an augmented copy of <paramref name="batch"/> (N×3×S×S, normalised).</summary>
    public Tensor Apply(Tensor batch)
    {
        long n = batch.shape[0];
        using var scope = NewDisposeScope();

        // Random resized crop and flip as one affine resampling per image.
        var area = rand([n], generator: generator).mul_(1 - policy.MinArea).add_(policy.MinArea);
        var logRatio = rand([n], generator: generator).mul_(2 * Math.Log(4.0 / 3.0)).sub_(Math.Log(4.0 / 3.0));
        var ratio = logRatio.exp();
        var sx = (area * ratio).sqrt().clamp_max(1.0);
        var sy = (area / ratio).sqrt().clamp_max(1.0);
        var tx = (rand([n], generator: generator).mul_(2).sub_(1)).mul_(1 - sx);
        var ty = (rand([n], generator: generator).mul_(2).sub_(1)).mul_(1 - sy);
        var flip = rand([n], generator: generator).lt(0.5).to_type(ScalarType.Float32).mul_(-2).add_(1);
        var zero = zeros([n]);
        var theta = stack([sx * flip, zero, tx, zero, sy, ty], dim: 1).view(n, 2, 3);
        var grid = F.affine_grid(theta, [n, 3, batch.shape[2], batch.shape[3]], align_corners: false);
        var x = F.grid_sample(batch, grid, mode: GridSampleMode.Bilinear, padding_mode: GridSamplePaddingMode.Border, align_corners: false);

        // Colour jitter in [0, 1] pixel space.
        var pixels = x.mul(std).add_(mean);
        pixels = pixels.mul_(Factors(n, policy.Brightness));
        var gray = Luma(pixels);
        pixels = gray + ((pixels - gray) * Factors(n, policy.Saturation));
        if (policy.Contrast > 0)
        {
            var level = Luma(pixels).mean([1, 2, 3], keepdim: true);
            pixels = level + ((pixels - level) * Factors(n, policy.Contrast));
        }

        if (policy.Hue > 0)
        {
            pixels = RotateHue(pixels, rand([n], generator: generator).mul_(2 * policy.Hue).sub_(policy.Hue).mul_(2 * Math.PI));
        }

        if (policy.GrayscaleProbability > 0)
        {
            var grey = Chosen(n, policy.GrayscaleProbability);
            pixels = where(grey, Luma(pixels).expand_as(pixels), pixels);
        }

        if (policy.DownscaleProbability > 0)
        {
            var shrink = Chosen(n, policy.DownscaleProbability);
            double scale = policy.MinScale + ((1 - policy.MinScale) * rand([1], generator: generator).item<float>());
            long h = batch.shape[2], w = batch.shape[3];
            var small = F.interpolate(pixels, [Math.Max(1, (long)Math.Round(h * scale)), Math.Max(1, (long)Math.Round(w * scale))], mode: InterpolationMode.Bilinear, align_corners: false, antialias: true);
            var blurred = F.interpolate(small, [h, w], mode: InterpolationMode.Bilinear, align_corners: false);
            pixels = where(shrink, blurred, pixels);
        }

        var result = pixels.clamp_(0, 1).sub_(mean).div_(std);
        return result.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        generator.Dispose();
        mean.Dispose();
        std.Dispose();
        toYiq.Dispose();
        fromYiq.Dispose();
    }

    private static Tensor Luma(Tensor pixels) =>
        (pixels[.., 0..1] * 0.299f) + (pixels[.., 1..2] * 0.587f) + (pixels[.., 2..3] * 0.114f);

    /// <summary>One factor per image from 1 ± <paramref name="spread"/>, shaped N×1×1×1.</summary>
    private Tensor Factors(long n, double spread) =>
        rand([n, 1, 1, 1], generator: generator).mul_(2 * spread).add_(1 - spread);

    /// <summary>An N×1×1×1 mask, true with probability <paramref name="probability"/> per image.</summary>
    private Tensor Chosen(long n, double probability) =>
        rand([n, 1, 1, 1], generator: generator).lt(probability);

    /// <summary>Rotates each image's chroma by its angle (radians) in YIQ space, leaving the luma as it was.</summary>
    private Tensor RotateHue(Tensor pixels, Tensor angles)
    {
        long n = pixels.shape[0];
        var cos = angles.cos();
        var sin = angles.sin();
        var one = ones_like(cos);
        var nil = zeros_like(cos);
        var rotation = stack([one, nil, nil, nil, cos, -sin, nil, sin, cos], dim: 1).view(n, 3, 3);
        var transform = fromYiq.matmul(rotation).matmul(toYiq); // N×3×3, RGB → RGB
        var flat = pixels.reshape(n, 3, -1);
        return transform.bmm(flat).view(pixels.shape);
    }
}
