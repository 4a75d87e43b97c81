using FaceMask.Models;
using FaceMask.Runtime;
using FaceMask.Tests.Support;
using FaceMask.Training;
using Xunit;

namespace FaceMask.Tests.Training;

public sealed class TrainerTests
{
    private static (TensorSet Train, TensorSet Test) Sets(int seed, bool learnable = true)
    {
        var (pixels, labels) = SyntheticPixels.Make(classes: 4, perClass: 40, size: 16, seed: seed, learnable: learnable);
        int n = labels.Length;
        int[] train = Enumerable.Range(0, n).Where(i => i % 5 != 0).ToArray();
        int[] test = Enumerable.Range(0, n).Where(i => i % 5 == 0).ToArray();
        return (TensorSet.FromPixels(pixels, labels, 16, train, Normalization.Half), TensorSet.FromPixels(pixels, labels, 16, test, Normalization.Half));
    }

    private static TrainingResult TrainOnce(TrainingOptions options, TensorSet train, TensorSet? test, IProgress<TrainingProgress>? progress = null, CancellationToken token = default)
    {
        using var net = NewNetwork(options);
        return new Trainer(options, Normalization.Half).Train(net, train, test, null, progress, token);
    }

    private static TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> NewNetwork(TrainingOptions options)
    {
        TorchRuntime.Configure(options.Threads, options.Seed);
        return ModelArchitectures.Create("seed5", 4, 16);
    }

    [Fact]
    public void SeededRunsAreIdentical()
    {
        var (train, test) = Sets(seed: 5);
        using (train)
        using (test)
        {
            var options = new TrainingOptions { Epochs = 3, BatchSize = 16, Seed = 11, Threads = 1, Augment = true };
            var a = TrainOnce(options, train, test);
            var b = TrainOnce(options, train, test);
            Assert.Equal(a.History.Select(e => e.Loss), b.History.Select(e => e.Loss));
            Assert.Equal(a.History.Select(e => e.ValidationLoss), b.History.Select(e => e.ValidationLoss));

            var c = TrainOnce(options with { Seed = 12 }, train, test);
            Assert.NotEqual(a.History.Select(e => e.Loss), c.History.Select(e => e.Loss));
        }
    }

    [Fact]
    public void LearnsALearnableSignal()
    {
        var (train, test) = Sets(seed: 6);
        using (train)
        using (test)
        {
            var result = TrainOnce(new TrainingOptions { Epochs = 6, BatchSize = 16, Seed = 1, Threads = 1 }, train, test);
            Assert.True(result.History[^1].ValidationAccuracy >= 0.9, $"validation accuracy {result.History[^1].ValidationAccuracy}");
            Assert.True(result.History[^1].Loss < result.History[0].Loss);
        }
    }

    [Fact]
    public void CannotLearnRandomLabels()
    {
        var (train, test) = Sets(seed: 7, learnable: false);
        using (train)
        using (test)
        {
            var result = TrainOnce(new TrainingOptions { Epochs = 4, BatchSize = 16, Seed = 1, Threads = 1 }, train, test);
            Assert.True(result.History[^1].ValidationAccuracy < 0.6, $"validation accuracy {result.History[^1].ValidationAccuracy}");
        }
    }

    [Fact]
    public void CancellationKeepsTheLastCompleteEpoch()
    {
        var (train, test) = Sets(seed: 8);
        using (train)
        using (test)
        {
            using var cts = new CancellationTokenSource();
            var progress = new SyncProgress(p =>
            {
                if (p.Epoch == 3 && p.BatchesDone == 2)
                {
                    cts.Cancel();
                }
            });
            var result = TrainOnce(new TrainingOptions { Epochs = 5, BatchSize = 16, Seed = 1, Threads = 1 }, train, test, progress, cts.Token);
            Assert.True(result.Cancelled);
            Assert.Equal(2, result.CompletedEpochs);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ValidationProbabilitiesAreThoseOfTheReturnedWeights(bool cancel)
    {
        var (train, test) = Sets(seed: 10);
        using (train)
        using (test)
        {
            var options = new TrainingOptions { Epochs = 4, BatchSize = 16, Seed = 2, Threads = 1 };
            using var net = NewNetwork(options);
            using var cts = new CancellationTokenSource();
            var progress = new SyncProgress(p =>
            {
                if (cancel && p.Epoch == 3 && p.BatchesDone == 1)
                {
                    cts.Cancel();
                }
            });
            var result = new Trainer(options, Normalization.Half).Train(net, train, test, null, progress, cts.Token);

            Assert.Equal(cancel ? 2 : 4, result.CompletedEpochs);
            Assert.NotNull(result.ValidationProbabilities);
            float[][] expected = Predictor.Probabilities(net, test);
            Assert.Equal(expected.Length, result.ValidationProbabilities!.Count);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], result.ValidationProbabilities[i]);
            }

            Assert.Equal(result.History[^1].ValidationAccuracy!.Value, expected.Select((p, i) => Predictor.ArgMax(p) == test.Labels[i].item<long>() ? 1.0 : 0.0).Average(), 9);
        }
    }

    [Fact]
    public void NoValidationProbabilitiesWithoutAValidationSet()
    {
        var (train, test) = Sets(seed: 10);
        using (train)
        using (test)
        {
            Assert.Null(TrainOnce(new TrainingOptions { Epochs = 1, BatchSize = 16, Seed = 2, Threads = 1 }, train, null).ValidationProbabilities);
        }
    }

    [Fact]
    public void RestoredWeightsEqualTheLastCompleteEpoch()
    {
        var (train, test) = Sets(seed: 9);
        using (train)
        using (test)
        {
            var options = new TrainingOptions { Epochs = 2, BatchSize = 16, Seed = 4, Threads = 1 };
            TorchRuntime.Configure(1, 4);
            using var full = ModelArchitectures.Create("seed5", 4, 16);
            new Trainer(options, Normalization.Half).Train(full, train, null);
            var (lossFull, _) = Trainer.Evaluate(full, test);

            TorchRuntime.Configure(1, 4);
            using var stopped = ModelArchitectures.Create("seed5", 4, 16);
            using var cts = new CancellationTokenSource();
            var progress = new SyncProgress(p =>
            {
                if (p.Epoch == 3 && p.BatchesDone == 1)
                {
                    cts.Cancel();
                }
            });
            new Trainer(options with { Epochs = 4 }, Normalization.Half).Train(stopped, train, null, null, progress, cts.Token);
            var (lossStopped, _) = Trainer.Evaluate(stopped, test);
            Assert.Equal(lossFull, lossStopped, 6);
        }
    }

    [Fact]
    public void LabelSmoothingKeepsTheNetworkFromCertainty()
    {
        var (train, test) = Sets(seed: 10);
        using (train)
        using (test)
        {
            double MeanTopProbability(double smoothing)
            {
                var options = new TrainingOptions { Epochs = 8, BatchSize = 16, Seed = 2, Threads = 1, LabelSmoothing = smoothing };
                using var net = NewNetwork(options);
                new Trainer(options, Normalization.Half).Train(net, train, null);
                return Predictor.Probabilities(net, train).Average(p => p.Max());
            }

            double plain = MeanTopProbability(0);
            double smoothed = MeanTopProbability(0.3);

            // With 0.3 of every target spread over 4 classes, the loss is lowest at a top probability of 0.775.
            Assert.True(plain > 0.85, $"plain {plain}");
            Assert.True(smoothed < plain - 0.05 && smoothed < 0.85, $"plain {plain}, smoothed {smoothed}");
        }
    }

    [Fact]
    public void CosineScheduleTakesSmallStepsAtTheEnd()
    {
        var (train, test) = Sets(seed: 11);
        using (train)
        using (test)
        {
            double LastEpochMove(string schedule)
            {
                var options = new TrainingOptions { Epochs = 3, BatchSize = 16, Seed = 3, Threads = 1, Schedule = schedule };
                using var net = NewNetwork(options);
                TorchSharp.torch.Tensor? start = null;
                var progress = new SyncProgress(p =>
                {
                    if (p.Epoch == 2 && p.Completed is not null)
                    {
                        start = Flat(net);
                    }
                });
                new Trainer(options, Normalization.Half).Train(net, train, null, null, progress);
                using var end = Flat(net);
                using (start)
                {
                    return (end - start!).abs().max().item<float>();
                }
            }

            double constant = LastEpochMove(LearningRateSchedule.Constant);
            double cosine = LastEpochMove(LearningRateSchedule.Cosine);

            // Over the last third of the run the cosine rate averages about 9 % of the given rate.
            Assert.True(cosine < 0.5 * constant, $"largest weight change in the last epoch: constant {constant}, cosine {cosine}");
        }
    }

    [Fact]
    public void AveragedWeights_AreTheMeanOfTheStepsFromTheGivenFraction_AndTheLastValidationSeesThem()
    {
        var (train, test) = Sets(seed: 13);
        using (train)
        using (test)
        {
            // 128 training images, batch 16, 2 epochs: 16 steps; from 0.5 on, steps 8…15 (the whole second epoch) are averaged
            var options = new TrainingOptions { Epochs = 2, BatchSize = 16, Seed = 4, Threads = 1, AverageWeightsFrom = 0.5 };
            using var net = NewNetwork(options);
            var steps = new List<TorchSharp.torch.Tensor>();
            var progress = new SyncProgress(p =>
            {
                if (p.Completed is null)
                {
                    steps.Add(Flat(net));
                }
            });
            var result = new Trainer(options, Normalization.Half).Train(net, train, test, null, progress);
            try
            {
                Assert.Equal(16, steps.Count);
                using var expected = TorchSharp.torch.stack(steps.Skip(8).ToArray()).mean([0]);
                using var got = Flat(net);
                Assert.True((got - expected).abs().max().item<float>() < 1e-6, "the weights are not the mean of steps 8-15");
                Assert.True((got - steps[^1]).abs().max().item<float>() > 1e-4, "the average equals the last step's weights");

                float[][] probabilities = Predictor.Probabilities(net, test);
                for (int i = 0; i < probabilities.Length; i++)
                {
                    Assert.Equal(probabilities[i], result.ValidationProbabilities![i]);
                }
            }
            finally
            {
                steps.ForEach(t => t.Dispose());
            }
        }
    }

    [Fact]
    public void AveragingOnlyTheLastStep_TrainsExactlyAsWithout()
    {
        var (train, test) = Sets(seed: 14);
        using (train)
        using (test)
        {
            TorchSharp.torch.Tensor Trained(double from)
            {
                var options = new TrainingOptions { Epochs = 1, BatchSize = 16, Seed = 5, Threads = 1, AverageWeightsFrom = from };
                using var net = NewNetwork(options);
                new Trainer(options, Normalization.Half).Train(net, train, null);
                return Flat(net);
            }

            using var plain = Trained(0);
            using var lastStep = Trained(0.999);
            Assert.True(plain.eq(lastStep).all().item<bool>(), "averaging the last step alone changed the weights");
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void AverageWeightsFromOutsideZeroToOne_IsRefused(double from)
    {
        var ex = Assert.Throws<FaceMaskException>(new TrainingOptions { AverageWeightsFrom = from }.Validate);
        Assert.Contains("--average-weights-from must be at least 0 and below 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassifierRateFactorNeedsAPretrainedNetwork()
    {
        var (train, test) = Sets(seed: 12);
        using (train)
        using (test)
        {
            using var net = ModelArchitectures.Create("seed5", 4, 16);
            var options = new TrainingOptions { Epochs = 1, BatchSize = 16, Threads = 1, NewLayersRateFactor = 10 };
            var ex = Assert.Throws<FaceMaskException>(() => new Trainer(options, Normalization.Half).Train(net, train, null));
            Assert.Contains("--classifier-lr-factor", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void InvalidOptionsAreRefused()
    {
        Assert.Throws<FaceMaskException>(() => new TrainingOptions { Epochs = 0 }.Validate());
        Assert.Throws<FaceMaskException>(() => new TrainingOptions { BatchSize = 0 }.Validate());
        Assert.Throws<FaceMaskException>(() => new TrainingOptions { LearningRate = -1 }.Validate());
    }

    private static TorchSharp.torch.Tensor Flat(TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> net) =>
        TorchSharp.torch.cat(net.parameters().Select(p => p.detach().flatten()).ToArray()).clone();

    private sealed class SyncProgress(Action<TrainingProgress> action) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => action(value);
    }
}
