using FaceMask.Features;
using FaceMask.Models;
using FaceMask.ResNet;
using FaceMask.Tests.Support;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace FaceMask.Tests.ResNet;

public sealed class ResNet18BackboneTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void BuildCopiesBothOnnxFilesToTheModelsFolder()
    {
        var backbone = ResNet18Backbone.Locate();
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "models", "resnet18"), backbone.Directory);
        Assert.True(new FileInfo(backbone.NetworkPath).Length > 40_000_000);
        Assert.True(new FileInfo(backbone.PreprocessPath).Length > 100_000);
        Assert.Matches("^[0-9a-f]{64}$", backbone.FileHashes[ResNet18Backbone.NetworkFile]);
        Assert.Matches("^[0-9a-f]{16}$", backbone.Id);
        var manifest = BackboneManifest.Of(backbone);
        Assert.Equal("resnet18", manifest.Name);
        Assert.Equal(512, manifest.FeatureLength);
        Assert.Equal(backbone.FileHashes[ResNet18Backbone.PreprocessFile], manifest.Files[ResNet18Backbone.PreprocessFile]);
    }

    [Fact]
    public void ModelsHaveTheExpectedInputsAndOutputs()
    {
        var backbone = ResNet18Backbone.Locate();
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var prep = new InferenceSession(backbone.PreprocessPath, options);
        using var net = new InferenceSession(backbone.NetworkPath, options);
        Assert.Equal([ResNet18Backbone.PreprocessInput], prep.InputMetadata.Keys);
        Assert.Equal([1, 3, 224, 224], prep.InputMetadata[ResNet18Backbone.PreprocessInput].Dimensions);
        Assert.Contains(ResNet18Backbone.PreprocessOutput, prep.OutputMetadata.Keys);
        Assert.Equal([ResNet18Backbone.NetworkInput], net.InputMetadata.Keys);
        Assert.Equal(512, net.OutputMetadata[ResNet18Backbone.NetworkOutput].Dimensions.Aggregate(1, (a, b) => a * b));
    }

    [Fact]
    public void ExtractionGives512FiniteFeaturesForTheImageAndItsMirror()
    {
        var backbone = ResNet18Backbone.Locate();
        using var extractor = new FeatureExtractor(backbone, 1);
        var random = new Random(1);
        byte[] image = new byte[3 * 224 * 224];
        random.NextBytes(image);
        var pair = new float[FeatureExtractor.PairLength];
        extractor.ExtractPair(image, pair);
        Assert.All(pair, v => Assert.True(float.IsFinite(v)));
        Assert.Contains(pair, v => v > 0);
        Assert.False(pair.AsSpan(0, 512).SequenceEqual(pair.AsSpan(512)), "a random image and its mirror should give different features");

        // The mirror of the mirror is the image: extracting the mirrored image swaps the two halves.
        byte[] mirrored = Mirror(image);
        var swapped = new float[FeatureExtractor.PairLength];
        extractor.ExtractPair(mirrored, swapped);
        AssertClose(pair.AsSpan(0, 512), swapped.AsSpan(512));
        AssertClose(pair.AsSpan(512), swapped.AsSpan(0, 512));
    }

    [Fact]
    public void MissingBackboneIsAClearError()
    {
        string dir = temp["empty-models"];
        Directory.CreateDirectory(dir);
        var ex = Assert.Throws<FaceMaskException>(() => ResNet18Backbone.Locate(dir));
        Assert.Contains(Path.Combine(dir, ResNet18Backbone.PreprocessFile), ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Microsoft.ML.DnnImageFeaturizer.ResNet18", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotAnOnnxModelIsAClearError()
    {
        string dir = temp["bad-models"];
        Directory.CreateDirectory(dir);
        File.Copy(ResNet18Backbone.Locate().PreprocessPath, Path.Combine(dir, ResNet18Backbone.PreprocessFile));
        File.WriteAllText(Path.Combine(dir, ResNet18Backbone.NetworkFile), "not a model");
        var ex = Assert.Throws<FaceMaskException>(() => new FeatureExtractor(ResNet18Backbone.Locate(dir), 1).Dispose());
        Assert.Contains(ResNet18Backbone.NetworkFile, ex.Message, StringComparison.Ordinal);
        Assert.Contains("cannot load the ONNX model", ex.Message, StringComparison.Ordinal);
    }

    internal static byte[] Mirror(byte[] chw)
    {
        var result = new byte[chw.Length];
        for (int row = 0; row < 3 * 224; row++)
        {
            for (int x = 0; x < 224; x++)
            {
                result[(row * 224) + x] = chw[(row * 224) + 223 - x];
            }
        }

        return result;
    }

    internal static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance = 1e-4f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"feature {i}: {expected[i]} vs {actual[i]}");
        }
    }
}
