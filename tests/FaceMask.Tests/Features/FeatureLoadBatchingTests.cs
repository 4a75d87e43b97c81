using FaceMask.Data;
using FaceMask.Features;
using FaceMask.ResNet;
using FaceMask.Tests.ResNet;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Features;

public sealed class FeatureLoadBatchingTests : IDisposable
{
    private static readonly ExtractionOptions SmallBatches = new() { Workers = 2, ThreadsPerWorker = 1, BatchSize = 4, Decoders = 2 };

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void BatchedLoadingGivesTheFeaturesOfTheBatchOneModels()
    {
        string root = ResNetFixture.Dataset(temp, perClass: 7);
        File.WriteAllText(Path.Combine(root, "class1", "img003b.jpg"), "not an image");
        LoadedDataset batched = ResNetFixture.LoadFeatures(root, null, extraction: SmallBatches);
        LoadedDataset byDefault = ResNetFixture.LoadFeatures(root, null);
        Assert.Equal(21, batched.Count);
        Assert.Equal("class1/img003b.jpg", Assert.Single(batched.Skipped).Path);
        Assert.Equal(batched.Paths, byDefault.Paths);

        using var reference = new FixedBatchReference(ResNet18Backbone.Locate());
        for (int i = 0; i < batched.Count; i++)
        {
            float[] expected = reference.Pair(ImageDecoder.DecodeResized(Path.Combine(root, batched.Paths[i]), 224, ResizeMode.CenterCrop));
            ResNet18BackboneTests.AssertClose(expected, batched.Features!.Row(i), FeatureExtractorBatchTests.Tolerance);
            ResNet18BackboneTests.AssertClose(expected, byDefault.Features!.Row(i), FeatureExtractorBatchTests.Tolerance);
        }
    }

    [Fact]
    public void AStrictBatchedLoadNamesTheBadFile()
    {
        string root = ResNetFixture.Dataset(temp, perClass: 6);
        File.WriteAllBytes(Path.Combine(root, "class2", "img002.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3]);
        var ex = Assert.Throws<ImageDecodeException>(() => ResNetFixture.LoadFeatures(root, null, strict: true, extraction: SmallBatches));
        Assert.Equal("class2/img002.png", ex.Path);
        Assert.Contains("class2/img002.png", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CancellingABatchedLoadThrows()
    {
        string root = ResNetFixture.Dataset(temp, perClass: 6);
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(_ => cancel.Cancel());
        Assert.ThrowsAny<OperationCanceledException>(() => FeatureLoadStep.Load(root, new DatasetLoadOptions
        {
            Size = ResNet18Backbone.InputSize,
            Resize = ResizeMode.CenterCrop,
            Backbone = ResNet18Backbone.Name,
            UseCache = false,
        }, SmallBatches with { BatchSize = 2 }, progress, cancel.Token));
    }

    private sealed class SynchronousProgress(Action<LoadProgress> report) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value) => report(value);
    }
}
