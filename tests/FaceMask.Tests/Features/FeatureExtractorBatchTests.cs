using FaceMask.Features;
using FaceMask.ResNet;
using FaceMask.Tests.ResNet;
using Xunit;
using Xunit.Abstractions;

namespace FaceMask.Tests.Features;

public sealed class FeatureExtractorBatchTests(ITestOutputHelper output)
{
    /// <summary>Largest difference allowed from the batch-1 models as shipped (relative to 1 + |value|): float noise of a different kernel order.</summary>
    internal const float Tolerance = 1e-4f;

    [Fact]
    public void DifferentImagesInOneBatchEachGiveTheirBatchOneFeatures()
    {
        var backbone = ResNet18Backbone.Locate();
        List<byte[]> images = FixedBatchReference.Images(7, seed: 3);
        using var reference = new FixedBatchReference(backbone);
        List<float[]> expected = images.Select(reference.Pair).ToList();

        // Sizes 7 (one run of 14), 4 (runs of 8 and 6) and 1 (seven runs of 2).
        foreach (int batchSize in new[] { 7, 4, 1 })
        {
            using var extractor = new FeatureExtractor(backbone, 1, batchSize);
            var actual = new float[images.Count * FeatureExtractor.PairLength];
            extractor.ExtractPairs(images.SelectMany(i => i).ToArray(), actual);
            float largest = 0;
            for (int i = 0; i < images.Count; i++)
            {
                ReadOnlySpan<float> row = actual.AsSpan(i * FeatureExtractor.PairLength, FeatureExtractor.PairLength);
                ResNet18BackboneTests.AssertClose(expected[i], row, Tolerance);
                largest = Math.Max(largest, MaxAbsDifference(expected[i], row));
            }

            output.WriteLine($"batch {batchSize}: max abs difference from the batch-1 models {largest:G3}");
        }

        // The check above can tell the images apart: any two differ far beyond the tolerance.
        for (int a = 0; a < images.Count; a++)
        {
            for (int b = a + 1; b < images.Count; b++)
            {
                Assert.True(MaxAbsDifference(expected[a], expected[b]) > 100 * Tolerance, $"images {a} and {b} have near-equal features");
            }
        }
    }

    [Fact]
    public void TheMirrorIsRunInTheSameBatchAsItsImage()
    {
        using var extractor = new FeatureExtractor(ResNet18Backbone.Locate(), 1, batchSize: 2);
        List<byte[]> images = FixedBatchReference.Images(2, seed: 8);
        byte[] mirrored = ResNet18BackboneTests.Mirror(images[0]);
        var pairs = new float[2 * FeatureExtractor.PairLength];
        extractor.ExtractPairs([.. images[0], .. mirrored], pairs);
        ResNet18BackboneTests.AssertClose(pairs.AsSpan(0, 512), pairs.AsSpan(1024 + 512, 512), Tolerance);
        ResNet18BackboneTests.AssertClose(pairs.AsSpan(512, 512), pairs.AsSpan(1024, 512), Tolerance);
    }

    [Fact]
    public void SessionsHaveASymbolicBatchDimension()
    {
        var backbone = ResNet18Backbone.Locate();
        foreach (string path in new[] { backbone.PreprocessPath, backbone.NetworkPath })
        {
            using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(FaceMask.Onnx.OnnxBatchDimension.Symbolic(path));
            Assert.All(session.InputMetadata.Values.Concat(session.OutputMetadata.Values), m => Assert.Equal(-1, m.Dimensions[0]));
        }
    }

    [Fact]
    public void WrongSizesAreRefused()
    {
        using var extractor = new FeatureExtractor(ResNet18Backbone.Locate(), 1, batchSize: 2);
        Assert.Throws<ArgumentException>(() => extractor.ExtractPairs(new byte[FeatureExtractor.ImageLength + 1], new float[FeatureExtractor.PairLength]));
        Assert.Throws<ArgumentException>(() => extractor.ExtractPairs(new byte[2 * FeatureExtractor.ImageLength], new float[FeatureExtractor.PairLength]));
        Assert.Throws<ArgumentException>(() => extractor.ExtractPairs([], []));
    }

    internal static float MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float largest = 0;
        for (int i = 0; i < a.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(a[i] - b[i]));
        }

        return largest;
    }
}
