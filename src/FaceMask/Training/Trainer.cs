using System.Diagnostics;
using FaceMask.Models;
using FaceMask.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace FaceMask.Training;

/// <summary>
/// Trains a network with Adam and cross-entropy (optionally label-smoothed, with a learning-rate schedule), reshuffling every epoch, and reports loss and accuracy after each.
/// Every step runs inside its own dispose scope. Cancellation stops after the current batch and restores the
/// weights of the last complete epoch.
/// </summary>
internal sealed class Trainer
{
    private readonly TrainingOptions options;
    private readonly Normalization normalization;

    /// <summary>Creates a trainer.</summary>
    public Trainer(TrainingOptions options, Normalization normalization)
    {
        options.Validate();
        this.options = options;
        this.normalization = normalization;
    }

    /// <summary>Trains <paramref name="network"/> in place on <paramref name="train"/>, validating on <paramref name="validation"/> if given.</summary>
    public TrainingResult Train(
        Module<Tensor, Tensor> network,
        TensorSet train,
        TensorSet? validation = null,
        int? fold = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        TorchRuntime.Configure(options.Threads, options.Seed);
        if (options.SampleWeights is { } w && w.Length != train.Count)
        {
            throw new ArgumentException("one sample weight per training image is required", nameof(options));
        }

        var history = new List<EpochResult>();
        var random = new Random(options.Seed);
        int n = train.Count;
        int batches = (n + options.BatchSize - 1) / options.BatchSize;
        var order = Enumerable.Range(0, n).ToArray();
        (var groups, double[] factors) = ParameterGroups(network);
        using var optimizer = new AdamOptimizer(groups, factors.Select(f => options.LearningRate * f).ToArray());
        using var augmenter = options.Augment ? new BatchAugmenter(normalization, options.Seed, AugmentationPolicy.Named(options.AugmentPolicy)) : null;
        using var weights = options.SampleWeights is { } sw ? tensor(sw) : null;
        using var averager = options.AverageWeightsFrom > 0 ? new WeightAverager(groups.SelectMany(g => g).Where(p => p.requires_grad)) : null;
        long averageFrom = Math.Min((long)Math.Ceiling(options.AverageWeightsFrom * options.Epochs * batches), ((long)options.Epochs * batches) - 1);
        Dictionary<string, Tensor>? snapshot = null;
        float[][]? validationProbabilities = null; // the last complete epoch's, as is the snapshot

        try
        {
            for (int epoch = 1; epoch <= options.Epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                random.Shuffle(order);
                network.train();
                double lossSum = 0;
                long correct = 0;
                for (int b = 0; b < batches; b++)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        Restore(network, snapshot);
                        return new TrainingResult(history, Cancelled: true) { ValidationProbabilities = validationProbabilities };
                    }

                    int start = b * options.BatchSize;
                    int count = Math.Min(options.BatchSize, n - start);
                    using (var scope = NewDisposeScope())
                    {
                        var idx = tensor(order.AsSpan(start, count).ToArray().Select(i => (long)i).ToArray());
                        var x = train.Take(order.AsSpan(start, count));
                        var y = train.Labels.index_select(0, idx);
                        if (x.dtype == ScalarType.Byte)
                        {
                            x = TensorSet.Normalize(x, normalization);
                        }

                        if (augmenter is not null)
                        {
                            x = augmenter.Apply(x);
                        }

                        double rate = LearningRateSchedule.At(options.Schedule, options.LearningRate, ((epoch - 1) * batches) + b, options.Epochs * batches);
                        for (int g = 0; g < factors.Length; g++)
                        {
                            optimizer.SetRate(g, rate * factors[g]);
                        }

                        optimizer.ZeroGrad();
                        var logits = network.forward(x);
                        Tensor loss;
                        if (weights is not null)
                        {
                            var wb = weights.index_select(0, idx);
                            loss = (F.cross_entropy(logits, y, reduction: Reduction.None, label_smoothing: options.LabelSmoothing) * wb).sum() / wb.sum();
                        }
                        else
                        {
                            loss = F.cross_entropy(logits, y, label_smoothing: options.LabelSmoothing);
                        }

                        loss.backward();
                        optimizer.Step();
                        if (averager is not null && ((long)(epoch - 1) * batches) + b >= averageFrom)
                        {
                            averager.Add();
                        }

                        lossSum += loss.item<float>() * count;
                        correct += logits.argmax(1).eq(y).sum().item<long>();
                    }

                    progress?.Report(new TrainingProgress(fold, epoch, options.Epochs, b + 1, batches, null));
                }

                if (epoch == options.Epochs)
                {
                    averager?.Apply(); // the run ends with the averaged weights, and the last validation sees them
                }

                double? valLoss = null, valAcc = null;
                if (validation is not null)
                {
                    (double l, double a, validationProbabilities) = Validate(network, validation);
                    (valLoss, valAcc) = (l, a);
                }

                var result = new EpochResult(fold, epoch, options.Epochs, lossSum / n, (double)correct / n, valLoss, valAcc, clock.Elapsed.TotalSeconds);
                history.Add(result);
                progress?.Report(new TrainingProgress(fold, epoch, options.Epochs, batches, batches, result));
                if (epoch < options.Epochs)
                {
                    DisposeSnapshot(snapshot);
                    snapshot = Snapshot(network);
                }
            }
        }
        finally
        {
            DisposeSnapshot(snapshot);
        }

        network.eval();
        return new TrainingResult(history, Cancelled: false) { ValidationProbabilities = validationProbabilities };
    }

    /// <summary>Mean cross-entropy and accuracy of <paramref name="network"/> on <paramref name="set"/> (eval mode).</summary>
    public static (double Loss, double Accuracy) Evaluate(Module<Tensor, Tensor> network, TensorSet set)
    {
        (double loss, double accuracy, _) = Validate(network, set);
        return (loss, accuracy);
    }

    /// <summary>
    /// Mean cross-entropy, accuracy and each image's softmax probabilities, in the batches <see cref="Predictor"/> uses,
    /// so the probabilities are the ones it would compute.
    /// </summary>
    private static (double Loss, double Accuracy, float[][] Probabilities) Validate(Module<Tensor, Tensor> network, TensorSet set)
    {
        network.eval();
        double lossSum = 0;
        long correct = 0;
        var probabilities = new float[set.Count][];
        using (no_grad())
        {
            for (int start = 0; start < set.Count; start += Predictor.BatchSize)
            {
                using var scope = NewDisposeScope();
                int count = Math.Min(Predictor.BatchSize, set.Count - start);
                var x = set.Slice(start, count);
                var y = set.Labels.narrow(0, start, count);
                var logits = network.forward(x);
                lossSum += F.cross_entropy(logits, y, reduction: Reduction.Sum).item<float>();
                correct += logits.argmax(1).eq(y).sum().item<long>();
                Predictor.CopyRows(logits.softmax(1), probabilities, start);
            }
        }

        return (lossSum / set.Count, (double)correct / set.Count, probabilities);
    }

    private (IReadOnlyList<IEnumerable<Parameter>> Groups, double[] Factors) ParameterGroups(Module<Tensor, Tensor> network)
    {
        if (options.NewLayersRateFactor == 1)
        {
            return ([network.parameters()], [1]);
        }

        if (network is not IPretrainedNetwork pretrained)
        {
            throw new FaceMaskException($"--classifier-lr-factor: the {network.GetName()} network has no pretrained layers to tell from new ones");
        }

        var fresh = pretrained.NewParameters().ToHashSet(ReferenceEqualityComparer.Instance);
        var old = network.parameters().Where(p => !fresh.Contains(p)).ToArray();
        return (
            [old, fresh.Cast<Parameter>().ToArray()],
            [1, options.NewLayersRateFactor]);
    }

    private static Dictionary<string, Tensor> Snapshot(Module<Tensor, Tensor> network)
    {
        var copy = new Dictionary<string, Tensor>();
        foreach (var (name, t) in network.state_dict())
        {
            copy[name] = t.detach().clone();
        }

        return copy;
    }

    private static void Restore(Module<Tensor, Tensor> network, Dictionary<string, Tensor>? snapshot)
    {
        if (snapshot is not null)
        {
            network.load_state_dict(snapshot);
        }

        network.eval();
    }

    private static void DisposeSnapshot(Dictionary<string, Tensor>? snapshot)
    {
        if (snapshot is null)
        {
            return;
        }

        foreach (var t in snapshot.Values)
        {
            t.Dispose();
        }
    }
}
