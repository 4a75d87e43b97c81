using FaceMask.Data;
using FaceMask.Features;
using FaceMask.ResNet;
using FaceMask.Tests.ResNet;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Features;

public sealed class FeatureCacheTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void CachedFeaturesEqualAFreshExtraction()
    {
        string root = ResNetFixture.Dataset(temp, perClass: 3);
        var first = ResNetFixture.LoadFeatures(root, temp["cache"]);
        Assert.NotNull(first.Features);
        Assert.Equal(9, first.Features!.Extracted);
        Assert.False(first.LoadedFromCache);
        Assert.Empty(first.Pixels);
        Assert.Equal(224, first.Size);
        Assert.Equal(ResizeMode.CenterCrop, first.Resize);
        Assert.Single(Directory.GetFiles(temp["cache"], "*.fmfeat"));

        var second = ResNetFixture.LoadFeatures(root, temp["cache"]);
        Assert.True(second.LoadedFromCache);
        Assert.Equal(0, second.Features!.Extracted);
        Assert.Equal(first.Features!.Values, second.Features!.Values);
        Assert.Equal(first.Fingerprint, second.Fingerprint);
        Assert.Equal(first.Paths, second.Paths);

        // Each cached row is what the backbone gives for that file now.
        using var extractor = new FeatureExtractor(ResNet18Backbone.Locate(), 1);
        var fresh = new float[FeatureExtractor.PairLength];
        for (int i = 0; i < second.Count; i++)
        {
            byte[] chw = ImageDecoder.DecodeResized(Path.Combine(root, second.Paths[i]), 224, ResizeMode.CenterCrop);
            extractor.ExtractPair(chw, fresh);
            ResNet18BackboneTests.AssertClose(fresh, second.Features!.Row(i), 1e-5f);
        }
    }

    [Fact]
    public void FingerprintMatchesThePixelLoader()
    {
        string root = ResNetFixture.Dataset(temp, perClass: 2);
        var features = ResNetFixture.LoadFeatures(root, null);
        var pixels = DatasetLoader.Load(root, new DatasetLoadOptions { Size = 8, UseCache = false });
        Assert.Equal(pixels.Fingerprint, features.Fingerprint);
        Assert.Null(features.CachePath);
    }

    [Fact]
    public void TouchedFilesWithTheSameBytesAreNotExtractedAgain()
    {
        string root = ResNetFixture.Dataset(temp, perClass: 2);
        var first = ResNetFixture.LoadFeatures(root, temp["cache"]);
        foreach (string file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(1));
        }

        var second = ResNetFixture.LoadFeatures(root, temp["cache"]);

        Assert.True(second.LoadedFromCache);
        Assert.Equal(0, second.Features!.Extracted);
        Assert.Equal(first.Features!.Values, second.Features!.Values);
    }

    [Fact]
    public void OnlyChangedFilesAreExtractedAgain()
    {
        string root = ResNetFixture.Dataset(temp, perClass: 3);
        var first = ResNetFixture.LoadFeatures(root, temp["cache"]);
        string changed = Path.Combine(root, "class1", "img001.png");
        File.WriteAllBytes(changed, SyntheticDataset.Render(2, 40, new Random(99)));
        File.SetLastWriteTimeUtc(changed, DateTime.UtcNow.AddMinutes(1));
        File.Delete(Path.Combine(root, "class0", "img000.png"));

        var second = ResNetFixture.LoadFeatures(root, temp["cache"]);
        Assert.Equal(1, second.Features!.Extracted);
        Assert.Equal(8, second.Count);
        int kept = second.Paths.ToList().IndexOf("class2/img000.png");
        int before = first.Paths.ToList().IndexOf("class2/img000.png");
        Assert.Equal(first.Features!.Row(before).ToArray(), second.Features!.Row(kept).ToArray());
        Assert.NotEqual(first.Fingerprint, second.Fingerprint);

        var third = ResNetFixture.LoadFeatures(root, temp["cache"]);
        Assert.True(third.LoadedFromCache);
        Assert.Equal(second.Features!.Values, third.Features!.Values);
    }

    [Fact]
    public void BadFilesAreSkippedAndRemembered()
    {
        string root = ResNetFixture.Dataset(temp, perClass: 2);
        File.WriteAllText(Path.Combine(root, "class0", "notes.jpg"), "<html>not an image</html>");
        var first = ResNetFixture.LoadFeatures(root, temp["cache"]);
        Assert.Equal(6, first.Count);
        var skipped = Assert.Single(first.Skipped);
        Assert.Equal("class0/notes.jpg", skipped.Path);

        var second = ResNetFixture.LoadFeatures(root, temp["cache"]);
        Assert.True(second.LoadedFromCache);
        Assert.Equal("class0/notes.jpg", Assert.Single(second.Skipped).Path);
        Assert.Equal(first.Features!.Values, second.Features!.Values);

        var ex = Assert.Throws<ImageDecodeException>(() => ResNetFixture.LoadFeatures(root, temp["cache"], strict: true));
        Assert.Contains("class0/notes.jpg", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptCacheIsRebuiltAndResizeModesAreKeptApart()
    {
        string root = ResNetFixture.Dataset(temp, perClass: 2);
        var first = ResNetFixture.LoadFeatures(root, temp["cache"]);
        string file = Assert.Single(Directory.GetFiles(temp["cache"], "*.fmfeat"));
        byte[] bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length - 100)]);

        var rebuilt = ResNetFixture.LoadFeatures(root, temp["cache"]);
        Assert.Equal(6, rebuilt.Features!.Extracted);
        Assert.Equal(first.Features!.Values, rebuilt.Features!.Values);

        var stretched = ResNetFixture.LoadFeatures(root, temp["cache"], ResizeMode.Stretch);
        Assert.Equal(6, stretched.Features!.Extracted);
        Assert.Equal(2, Directory.GetFiles(temp["cache"], "*.fmfeat").Length);
    }

    [Fact]
    public void WrongSizeOrUnknownBackboneIsAClearError()
    {
        string root = ResNetFixture.Dataset(temp, perClass: 1);
        var ex = Assert.Throws<FaceMaskException>(() => DatasetLoader.Load(root, new DatasetLoadOptions { Size = 32, Backbone = "resnet18" }));
        Assert.Contains("224", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<FaceMaskException>(() => DatasetLoader.Load(root, new DatasetLoadOptions { Size = 224, Backbone = "vgg" }));
        Assert.Contains("unknown backbone 'vgg'", ex.Message, StringComparison.Ordinal);
    }
}
