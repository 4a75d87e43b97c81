using System.Security.Cryptography;
using FaceMask.Data;
using FaceMask.Features;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Data;

/// <summary>
/// The per-file cache writes the files the former DatasetCache and FeatureCache wrote, to the byte: existing caches in
/// users' cache folders stay valid. The SHA-256 values were taken from those classes' Write on the same input.
/// </summary>
public sealed class PerFileCacheTests : IDisposable
{
    private const string Root = "/data/golden";
    private static readonly string[] Classes = ["a", "b"];

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void PixelCache_IsByteIdenticalToTheFormerDatasetCache_AndReadsBack()
    {
        string path = Path.Combine(temp.Path, "pixels.fmcache");
        PerFileCacheFormat format = PixelLoadStep.Format(Root, 2, ResizeMode.Stretch, 12345);
        byte[] pixels = Enumerable.Range(0, 24).Select(i => (byte)(i * 11)).ToArray();
        PerFileCache<byte>.Write(path, format, Classes, Records(), Hashes(), pixels);
        Assert.Equal("1a652a61ea6b0c419cc79f7e0b865cd342138f1a4b80b92c0b1d099b21af4cd4", Sha256(path));

        using PerFileCache<byte> cache = PerFileCache<byte>.TryOpen(path, format)!;
        Assert.NotNull(cache);
        Assert.Equal(3, cache.Count);
        Assert.Null(cache.Problem(0));
        Assert.Equal(ImageProblem.NotAnImage, cache.Problem(1));
        Assert.Equal("not an image (it contains text)", cache.Reason(1));
        Assert.True(cache.UsedWhole(2));
        var back = new byte[24];
        cache.Read([cache.Slot(0), cache.Slot(2)], back);
        Assert.Equal(pixels, back);

        Assert.Null(PerFileCache<byte>.TryOpen(path, PixelLoadStep.Format(Root, 2, ResizeMode.Stretch, 0)));
        Assert.Null(PerFileCache<byte>.TryOpen(path, PixelLoadStep.Format(Root, 2, ResizeMode.CenterCrop, 12345)));
        Assert.Null(PerFileCache<byte>.TryOpen(path, PixelLoadStep.Format("/data/other", 2, ResizeMode.Stretch, 12345)));
        Assert.Null(PerFileCache<float>.TryOpen(path, FeatureLoadStep.Format(Root, "0123456789abcdef", ResizeMode.Stretch, 3, 12345)));
    }

    [Fact]
    public void FeatureCache_IsByteIdenticalToTheFormerFeatureCache_AndReadsBack()
    {
        string path = Path.Combine(temp.Path, "features.fmfeat");
        PerFileCacheFormat format = FeatureLoadStep.Format(Root, "0123456789abcdef", ResizeMode.CenterCrop, 4, 12345);
        float[] values = Enumerable.Range(0, 8).Select(i => (i * 0.25f) - 1f).ToArray();
        PerFileCache<float>.Write(path, format, Classes, Records(), Hashes(), values);
        Assert.Equal("6e1017fc7b5739a684faf97190dfc375f77c8b94150475edb3b328595ec62eae", Sha256(path));

        using PerFileCache<float> cache = PerFileCache<float>.TryOpen(path, format)!;
        Assert.NotNull(cache);
        var back = new float[8];
        cache.Read([cache.Slot(0), cache.Slot(2)], back);
        Assert.Equal(values, back);
        Assert.Null(PerFileCache<float>.TryOpen(path, FeatureLoadStep.Format(Root, "fedcba9876543210", ResizeMode.CenterCrop, 4, 12345)));
        Assert.Null(PerFileCache<byte>.TryOpen(path, PixelLoadStep.Format(Root, 2, ResizeMode.CenterCrop, 12345)));
    }

    private static PerFileCacheRecord[] Records() =>
    [
        new("a/one.png", 1234, 638_000_000_000_000_000, 0, null, null),
        new("a/two.jpg", 99, 638_000_000_000_000_001, 0, ImageProblem.NotAnImage, "not an image (it contains text)"),
        new("b/three.jpg", 4567, 638_000_000_000_000_002, 1, null, null, UsedWhole: true),
    ];

    private static byte[] Hashes() => Enumerable.Range(0, 3 * PerFileCacheRecord.HashLength).Select(i => (byte)(i * 7)).ToArray();

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
