using FaceMask.Models;
using FaceMask.Runtime;
using FaceMask.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace FaceMask.Tests.Training;

public sealed class BatchAugmenterTests
{
    private const int Size = 32;

    // Only the geometry (mirror, crop of random aspect): the base each test switches one colour step on over; the
    // geometry's random numbers are drawn first, so the same seed gives the same crops with and without the step.
    private static readonly AugmentationPolicy Geometry = new("test", MinArea: 1, Brightness: 0, Saturation: 0);

    public BatchAugmenterTests() => TorchRuntime.Configure(1, 0);

    /// <summary>A batch of colourful images with fine detail, normalised with <see cref="Normalization.Half"/>.</summary>
    private static Tensor Batch(int n, int seed)
    {
        using var g = new Generator((ulong)seed);
        var pixels = rand([n, 3, Size, Size], generator: g);
        var checker = (arange(Size).view(1, Size) + arange(Size).view(Size, 1)).remainder(2).to_type(ScalarType.Float32);
        return pixels.mul_(0.5).add_(checker.mul(0.5)).sub_(0.5).div_(0.5);
    }

    private static Tensor Pixels(Tensor normalised) => normalised.mul(0.5).add(0.5);

    private static Tensor Luma(Tensor pixels) =>
        (pixels[.., 0..1] * 0.299f) + (pixels[.., 1..2] * 0.587f) + (pixels[.., 2..3] * 0.114f);

    private static Tensor Apply(AugmentationPolicy policy, Tensor batch, int seed = 3)
    {
        using var augmenter = new BatchAugmenter(Normalization.Half, seed, policy);
        return augmenter.Apply(batch);
    }

    [Fact]
    public void TheSameSeedGivesTheSameImagesAndThePoliciesDiffer()
    {
        using var scope = NewDisposeScope();
        var batch = Batch(8, 1);
        var a = Apply(AugmentationPolicy.Strong, batch);
        var b = Apply(AugmentationPolicy.Strong, batch);
        var basic = Apply(AugmentationPolicy.Basic, batch);
        Assert.True(a.allclose(b, rtol: 0, atol: 0));
        Assert.False(a.allclose(basic, atol: 1e-3));
        Assert.Equal(batch.shape, a.shape);
        Assert.True(Pixels(a).min().item<float>() >= -1e-6 && Pixels(a).max().item<float>() <= 1 + 1e-6);
    }

    [Fact]
    public void TheTwoArgumentConstructorIsTheBasicPolicy()
    {
        using var scope = NewDisposeScope();
        var batch = Batch(6, 2);
        using var plain = new BatchAugmenter(Normalization.Half, 3);
        Assert.True(plain.Apply(batch).allclose(Apply(AugmentationPolicy.Basic, batch), rtol: 0, atol: 0));
    }

    [Fact]
    public void GreyImagesHaveEqualChannelsAndKeepTheirLuma()
    {
        using var scope = NewDisposeScope();
        var batch = Batch(6, 4);
        var cropped = Pixels(Apply(Geometry, batch));
        var result = Pixels(Apply(Geometry with { GrayscaleProbability = 1 }, batch));
        Assert.True(result[.., 0].allclose(result[.., 1], atol: 1e-6) && result[.., 1].allclose(result[.., 2], atol: 1e-6));
        Assert.True(Luma(result).allclose(Luma(cropped), atol: 1e-5));
        Assert.False(cropped[.., 0].allclose(cropped[.., 1], atol: 1e-2));
    }

    [Fact]
    public void HueRotationKeepsGreyAndLumaAndChangesColour()
    {
        using var scope = NewDisposeScope();
        var policy = Geometry with { Hue = 0.5 };
        var grey = full([4, 3, Size, Size], 0.2f); // normalised 0.6 on every channel
        var greyResult = Pixels(Apply(policy, grey));
        Assert.True(greyResult.allclose(full_like(greyResult, 0.6f), atol: 1e-4));

        var red = zeros([4, 3, Size, Size]);
        red[.., 0] = 0.6f;
        red[.., 1] = 0.3f;
        red[.., 2] = 0.3f;
        var redResult = Pixels(Apply(policy, red.sub(0.5).div(0.5)));
        Assert.True(Luma(redResult).allclose(Luma(red), atol: 1e-4));
        Assert.True((redResult - red).abs().max().item<float>() > 0.05f, "a hue rotation of up to half a turn left red unchanged");
    }

    [Fact]
    public void ContrastKeepsEachImagesMeanGrey()
    {
        using var scope = NewDisposeScope();
        var batch = Batch(6, 5).mul(0.5); // inside [0.25, 0.75]: no clamping
        var cropped = Pixels(Apply(Geometry, batch));
        var result = Pixels(Apply(Geometry with { Contrast = 0.3 }, batch));
        Assert.True(Luma(result).mean([1, 2, 3]).allclose(Luma(cropped).mean([1, 2, 3]), atol: 1e-5));
        var spreadRatio = cropped.std([1, 2, 3]) / result.std([1, 2, 3]);
        Assert.True((spreadRatio - 1).abs().max().item<float>() > 0.01f, "contrast jitter did not change any image's spread");
    }

    [Fact]
    public void ShrinkingRemovesFineDetail()
    {
        using var scope = NewDisposeScope();
        var batch = Batch(4, 6);
        var cropped = Pixels(Apply(Geometry, batch));
        var result = Pixels(Apply(Geometry with { DownscaleProbability = 1, MinScale = 0.25 }, batch));

        // The checkerboard is the finest detail there is: neighbouring pixels differ by about 0.5 before shrinking.
        static float Detail(Tensor p) => (p[.., .., .., 1..] - p[.., .., .., ..^1]).abs().mean().item<float>();
        Assert.True(Detail(result) < 0.5f * Detail(cropped), $"detail {Detail(result)} vs {Detail(cropped)}");
        Assert.True(result.mean().allclose(cropped.mean(), atol: 0.02));
    }

    [Fact]
    public void UnknownPolicyNamesAreRefused()
    {
        var error = Assert.Throws<FaceMaskException>(() => AugmentationPolicy.Named("wild"));
        Assert.Contains("--augment-policy wild: unknown policy; known: basic, strong, scale", error.Message, StringComparison.Ordinal);
        Assert.Throws<FaceMaskException>(() => new TrainingOptions { AugmentPolicy = "wild" }.Validate());
        Assert.Same(AugmentationPolicy.Strong, AugmentationPolicy.Named("strong"));
        Assert.All(AugmentationPolicy.All, p => p.Validate());
        var bad = Assert.Throws<ArgumentException>(() => new BatchAugmenter(Normalization.Half, 0, Geometry with { GrayscaleProbability = 1.5 }));
        Assert.Contains("GrayscaleProbability", bad.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => (Geometry with { MinArea = 0 }).Validate());
    }
}
