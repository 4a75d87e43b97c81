using FaceMask.Data;
using FaceMask.Evaluation;
using FaceMask.Features;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Tests.Support;
using FaceMask.Training;
using Xunit;

namespace FaceMask.Tests.Protocols;

/// <summary>The whole pipeline on a few real images per class from ../shared (skipped when it is absent).</summary>
public sealed class RealDataSmokeTests
{
    [SharedDataFact]
    public void TrainsAndPredictsOnAFewRealImagesPerClass()
    {
        var data = DatasetLoader.Load(SharedData.ImagesRoot!, new DatasetLoadOptions { Size = 32 });
        Assert.Equal(["cloth", "ffp2", "n95_valve", "no_mask", "surgical"], data.Classes);

        // 30 images per class, the first ones in path order.
        int[] picked = Enumerable.Range(0, data.Classes.Count)
            .SelectMany(c => Enumerable.Range(0, data.Count).Where(i => data.Labels[i] == c).Take(30))
            .ToArray();
        var (train, test) = DataSplitter.StratifiedHoldout(picked.Select(i => data.Labels[i]).ToArray(), 0.3, seed: 0);
        var options = new TrainingOptions { Epochs = 2, Threads = 1, Seed = 0 };
        FaceMask.Runtime.TorchRuntime.Configure(1, 0);
        using var network = ModelArchitectures.Create(ModelArchitectures.Seed5, data.Classes.Count, 32);
        using var trainSet = TensorSet.FromPixels(data.Pixels, data.Labels, 32, train.Select(i => picked[i]).ToArray(), Normalization.Half);
        using var testSet = TensorSet.FromPixels(data.Pixels, data.Labels, 32, test.Select(i => picked[i]).ToArray(), Normalization.Half);
        var result = new Trainer(options, Normalization.Half).Train(network, trainSet, testSet);

        Assert.Equal(2, result.CompletedEpochs);
        Assert.All(result.History, e => Assert.True(double.IsFinite(e.Loss) && e.Loss > 0));
        float[][] probs = Predictor.Probabilities(network, testSet);
        Assert.Equal(testSet.Count, probs.Length);
        Assert.All(probs, p => Assert.Equal(1.0, p.Sum(), 4));
        var report = ClassificationReport.Compute(testSet.SourceIndices.Select(i => data.Labels[i]).ToArray(), probs.Select(Predictor.ArgMax).ToArray(), data.Classes);
        Assert.Equal(testSet.Count, report.Support);
    }
}
