using FaceMask.Data;
using FaceMask.Features;
using FaceMask.ResNet;
using FaceMask.Tests.ResNet;
using FaceMask.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace FaceMask.Tests.Features;

/// <summary>Batched loading of real photos of the read-only shared dataset against the batch-1 models; skipped when it is absent.</summary>
public sealed class FeatureLoadSharedDataTests(ITestOutputHelper output) : IDisposable
{
    private const int PerClass = 8;

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [SharedDataFact]
    public void RealPhotosLoadedInBatchesGiveTheirBatchOneFeatures()
    {
        string images = SharedData.ImagesRoot!;
        ImageFolder folder = ImageFolder.Discover(images);

        // Symbolic links to every 50th file of each class: nothing is copied, the shared folder is not written.
        foreach (IGrouping<int, ImageEntry> group in folder.Entries.GroupBy(e => e.Label))
        {
            foreach (ImageEntry entry in group.Where((_, i) => i % 50 == 0).Take(PerClass))
            {
                string link = Path.Combine(temp["small"], entry.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(link)!);
                File.CreateSymbolicLink(link, Path.Combine(images, entry.RelativePath));
            }
        }

        LoadedDataset data = ResNetFixture.LoadFeatures(temp["small"], null);
        Assert.Equal(folder.Classes.Count * PerClass, data.Count);
        using var reference = new FixedBatchReference(ResNet18Backbone.Locate());
        float largest = 0;
        for (int i = 0; i < data.Count; i++)
        {
            float[] expected = reference.Pair(ImageDecoder.DecodeResized(Path.Combine(images, data.Paths[i]), 224, ResizeMode.CenterCrop));
            ResNet18BackboneTests.AssertClose(expected, data.Features!.Row(i), FeatureExtractorBatchTests.Tolerance);
            largest = Math.Max(largest, FeatureExtractorBatchTests.MaxAbsDifference(expected, data.Features!.Row(i)));
        }

        output.WriteLine($"{data.Count} real photos, {ExtractionOptions.Default}: max abs difference from the batch-1 models {largest:G3}");
    }
}
