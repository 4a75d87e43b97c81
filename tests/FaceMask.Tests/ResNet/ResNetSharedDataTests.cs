using FaceMask.Data;
using FaceMask.Features;
using FaceMask.Inference;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Tests.Support;
using FaceMask.Training;
using Xunit;

namespace FaceMask.Tests.ResNet;

/// <summary>resnet18 on a few real images per class of the read-only shared dataset; skipped when it is absent.</summary>
public sealed class ResNetSharedDataTests : IDisposable
{
    private const int PerClass = 4;

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [SharedDataFact]
    public void AFewRealImagesPerClassGiveFeaturesAHeadAndPredictions()
    {
        string images = SharedData.ImagesRoot!;
        ImageFolder folder = ImageFolder.Discover(images);

        // Symbolic links to the real files: nothing is copied, the shared folder is not written.
        var picked = new List<string>();
        foreach (IGrouping<int, ImageEntry> group in folder.Entries.GroupBy(e => e.Label))
        {
            foreach (ImageEntry entry in group.Take(PerClass))
            {
                string link = Path.Combine(temp["small"], entry.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(link)!);
                File.CreateSymbolicLink(link, Path.Combine(images, entry.RelativePath));
                picked.Add(Path.Combine(images, entry.RelativePath));
            }
        }

        var data = ResNetFixture.LoadFeatures(temp["small"], temp["cache"]);
        Assert.Equal(folder.Classes, data.Classes);
        Assert.Equal(folder.Classes.Count * PerClass, data.Count);
        Assert.All(data.Features!.Values, v => Assert.True(float.IsFinite(v)));

        var options = new ExperimentOptions { Arch = ModelArchitectures.ResNet18, Training = new TrainingOptions { Epochs = 30, Threads = 1 } };
        using var result = HoldoutProtocol.Run(data, options, testFraction: 0);
        Assert.True(result.Train!.Accuracy >= 0.9, $"training accuracy {result.Train.Accuracy:0.000}");

        var predictions = new ImageClassifier(result.Model!).Classify(picked);
        Assert.All(predictions, p => Assert.Null(p.Error));
        int correct = predictions.Count(p => p.Path.Contains("/" + p.Label + "/", StringComparison.Ordinal));
        Assert.True(correct >= 0.9 * picked.Count, $"{correct} of {picked.Count} training images predicted right");
    }
}
