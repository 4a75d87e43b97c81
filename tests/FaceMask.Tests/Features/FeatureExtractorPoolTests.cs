using FaceMask.Features;
using FaceMask.ResNet;
using FaceMask.Tests.ResNet;
using Xunit;

namespace FaceMask.Tests.Features;

public sealed class FeatureExtractorPoolTests
{
    private static readonly ExtractionOptions Pipelined = new() { Workers = 2, ThreadsPerWorker = 1, BatchSize = 3, Decoders = 2 };

    [Theory]
    [InlineData(11)] // four batches over two workers and two decoders
    [InlineData(2)]  // one batch, filled on the calling thread
    public void EveryImageGetsItsOwnFeaturesAndSkippedImagesNone(int count)
    {
        var backbone = ResNet18Backbone.Locate();
        List<byte[]> images = FixedBatchReference.Images(count, seed: 11);
        int skipped = count / 2;
        var values = new float[count * FeatureExtractor.PairLength];
        using (var pool = new FeatureExtractorPool(backbone, Pipelined))
        {
            pool.ForEach(count, (i, batch) =>
            {
                if (i != skipped)
                {
                    images[i].CopyTo(batch.NextImage);
                    batch.Add(values.AsMemory(i * FeatureExtractor.PairLength, FeatureExtractor.PairLength));
                }
            }, CancellationToken.None);
        }

        using var reference = new FixedBatchReference(backbone);
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<float> row = values.AsSpan(i * FeatureExtractor.PairLength, FeatureExtractor.PairLength);
            if (i == skipped)
            {
                Assert.All(row.ToArray(), v => Assert.Equal(0f, v));
            }
            else
            {
                ResNet18BackboneTests.AssertClose(reference.Pair(images[i]), row, FeatureExtractorBatchTests.Tolerance);
            }
        }
    }

    [Fact]
    public void TheFirstErrorStopsTheRunAndIsRethrown()
    {
        using var pool = new FeatureExtractorPool(ResNet18Backbone.Locate(), Pipelined);
        var values = new float[20 * FeatureExtractor.PairLength];
        var ex = Assert.Throws<InvalidDataException>(() => pool.ForEach(20, (i, batch) =>
        {
            if (i == 7)
            {
                throw new InvalidDataException("image 7 is bad");
            }

            batch.NextImage.Fill((byte)i);
            batch.Add(values.AsMemory(i * FeatureExtractor.PairLength, FeatureExtractor.PairLength));
        }, CancellationToken.None));
        Assert.Equal("image 7 is bad", ex.Message);
    }

    [Fact]
    public void CancellationStopsTheRun()
    {
        using var pool = new FeatureExtractorPool(ResNet18Backbone.Locate(), Pipelined);
        using var cancel = new CancellationTokenSource();
        int calls = 0;
        var values = new float[200 * FeatureExtractor.PairLength];
        Assert.ThrowsAny<OperationCanceledException>(() => pool.ForEach(200, (i, batch) =>
        {
            if (Interlocked.Increment(ref calls) == 5)
            {
                cancel.Cancel();
            }

            batch.Add(values.AsMemory(i * FeatureExtractor.PairLength, FeatureExtractor.PairLength));
        }, cancel.Token));
        Assert.True(calls < 200, $"{calls} images were still filled after cancelling");
    }

    [Fact]
    public void ABatchTakesNoMoreThanItsSize()
    {
        var batch = new FeatureBatch(1);
        batch.Add(new float[FeatureExtractor.PairLength]);
        Assert.True(batch.IsFull);
        Assert.Throws<InvalidOperationException>(() => batch.NextImage.Length);
        Assert.Throws<InvalidOperationException>(() => batch.Add(new float[FeatureExtractor.PairLength]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureBatch(2).Add(new float[3]));
    }
}
