using FaceMask.Models;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FaceMask.Training;

/// <summary>
/// Random augmentation of a normalised image batch, done with tensor ops on the whole batch:
/// horizontal flip (p = 0.5), random resized crop (area 70–100 %, aspect 3:4–4:3, resized back to the input size),
/// brightness and saturation jitter (±20 %). Seeded through its own generator.
/// </summary>
public sealed class BatchAugmenter : IDisposable
{
    private readonly Generator generator;
    private readonly Tensor mean;
    private readonly Tensor std;

    /// <summary>Creates an augmenter for images normalised with <paramref name="normalization"/>.</summary>
    public BatchAugmenter(Normalization normalization, int seed)
    {
        generator = new Generator((ulong)seed);
        mean = tensor(normalization.Mean).view(1, 3, 1, 1);
        std = tensor(normalization.Std).view(1, 3, 1, 1);
    }

    /// <summary>Returns an augmented copy of <paramref name="batch"/> (N×3×S×S, normalised).</summary>
    public Tensor Apply(Tensor batch)
    {
        long n = batch.shape[0];
        using var scope = NewDisposeScope();

        // Random resized crop and flip as one affine resampling per image.
        var area = rand([n], generator: generator).mul_(0.3).add_(0.7);
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
        var brightness = rand([n, 1, 1, 1], generator: generator).mul_(0.4).add_(0.8);
        pixels = pixels.mul_(brightness);
        var gray = (pixels[.., 0..1] * 0.299f) + (pixels[.., 1..2] * 0.587f) + (pixels[.., 2..3] * 0.114f);
        var saturation = rand([n, 1, 1, 1], generator: generator).mul_(0.4).add_(0.8);
        pixels = gray + ((pixels - gray) * saturation);
        var result = pixels.clamp_(0, 1).sub_(mean).div_(std);
        return result.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        generator.Dispose();
        mean.Dispose();
        std.Dispose();
    }
}
