using FaceMask.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceMask.ResNet;

/// <summary>
/// The ImageNet ResNet18 of the ONNX backbone rebuilt in TorchSharp (built and filled by <see cref="ResNetImporter"/>)
/// with a linear classifier on its 512 pooled features, for fine-tuning. Input: N×3×S×S RGB in [0, 1] (float) or
/// 0–255 (uint8); the network does the backbone's own preprocessing (scale to 0–255, RGB → BGR, subtract the stored
/// mean image, resized to S when S is not 224), so it takes the same pixels as the other models.
/// </summary>
public sealed class ResNet18Network : Module<Tensor, Tensor>, IPretrainedNetwork
{
    private readonly Tensor mean;
    private readonly ConvBatchNorm stem;
    private readonly ModuleList<ResNetBlock> blocks;
    private readonly Linear classifier;
    private readonly int[] blockStages;
    private int trainedStages;

    /// <summary>Assembles the network from imported parts.</summary>
    /// <param name="meanImage">The preprocessing mean image, 1×3×S×S, BGR order.</param>
    /// <param name="stem">The first convolution + batch norm (followed by ReLU and a 3×3 stride-2 max pool).</param>
    /// <param name="blocks">The residual blocks in order.</param>
    /// <param name="classes">Number of output classes.</param>
    internal ResNet18Network(Tensor meanImage, ConvBatchNorm stem, IReadOnlyList<ResNetBlock> blocks, int classes)
        : base("resnet18_ft")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        mean = meanImage;
        this.stem = stem;
        this.blocks = new ModuleList<ResNetBlock>(blocks.ToArray());
        blockStages = new int[blocks.Count];
        for (int i = 1; i < blocks.Count; i++)
        {
            blockStages[i] = blockStages[i - 1] + (blocks[i].Channels != blocks[i - 1].Channels ? 1 : 0);
        }

        FeatureLength = blocks[^1].Channels;
        classifier = Linear(FeatureLength, classes);
        RegisterComponents();
        trainedStages = Stages;
    }

    /// <summary>Side of the stem's max pool window (stride <see cref="StemPoolStride"/>, padding <see cref="StemPoolPadding"/>).</summary>
    internal const int StemPoolKernel = 3;

    /// <summary>Stride of the stem's max pool.</summary>
    internal const int StemPoolStride = 2;

    /// <summary>Padding of the stem's max pool.</summary>
    internal const int StemPoolPadding = 1;

    private const string BlocksPrefix = "blocks.";
    private const string ClassifierPrefix = "classifier.";

    /// <summary>Images per forward pass in eval mode (larger batches are split).</summary>
    public const int EvalChunk = 32;

    /// <summary>Number of stages (groups of blocks with the same width).</summary>
    public int Stages => blockStages[^1] + 1;

    /// <summary>Blocks per stage, e.g. [2, 2, 2, 3].</summary>
    public int[] BlocksPerStage => blockStages.GroupBy(s => s).Select(g => g.Count()).ToArray();

    /// <summary>Length of the pooled feature vector (512).</summary>
    public long FeatureLength { get; }

    /// <summary>The input side the mean image was prepared for.</summary>
    public long InputSize => mean.shape[2];

    /// <summary>The preprocessing mean image, 1×3×S×S in BGR order (subtracted after RGB → BGR).</summary>
    internal Tensor MeanImage => mean;

    /// <summary>The first convolution + batch norm (then ReLU and a 3×3 stride-2 max pool with padding 1).</summary>
    internal ConvBatchNorm Stem => stem;

    /// <summary>The residual blocks in order.</summary>
    internal IReadOnlyList<ResNetBlock> Blocks => [.. blocks];

    /// <summary>The linear classifier on the pooled features.</summary>
    internal Linear Classifier => classifier;

    /// <summary>The new classifier's weight and bias (everything else comes from the ImageNet backbone).</summary>
    public IEnumerable<Parameter> NewParameters() => classifier.parameters();

    /// <summary>
    /// Sets how many trailing stages train (<see cref="ResNetTuning.TrainedStages"/>; <see cref="Stages"/> trains the stem
    /// too). The others get <c>requires_grad = false</c>, stay in eval mode and run without gradients.
    /// </summary>
    public void SetTrainedStages(int stages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stages, 0);
        trainedStages = Math.Min(stages, Stages);
        foreach (var p in stem.parameters())
        {
            p.requires_grad = trainedStages == Stages;
        }

        for (int i = 0; i < blocks.Count; i++)
        {
            foreach (var p in blocks[i].parameters())
            {
                p.requires_grad = Trains(i);
            }
        }
    }

    /// <summary>True when every layer trains (stem included), so nothing of the ImageNet weights is kept as it was.</summary>
    public bool TrainsEverything => trainedStages == Stages;

    /// <summary>
    /// Whether the state-dict entry <paramref name="name"/> can change in training: the classifier's and the trained
    /// blocks' weights and batch-norm statistics (everything when <see cref="TrainsEverything"/>). The other entries stay
    /// exactly as imported from the backbone (no gradients, batch norm in eval mode), so a model folder need not store them.
    /// </summary>
    public bool IsTrainedEntry(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TrainsEverything || name.StartsWith(ClassifierPrefix, StringComparison.Ordinal))
        {
            return true;
        }

        if (!name.StartsWith(BlocksPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        int dot = name.IndexOf('.', BlocksPrefix.Length);
        return dot > BlocksPrefix.Length
            && int.TryParse(name.AsSpan(BlocksPrefix.Length, dot - BlocksPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int block)
            && block < blocks.Count && Trains(block);
    }

    /// <summary>The 512 globally average-pooled features (the ONNX model's <c>Pooling395_Output_0</c> at 224 px), N×512.</summary>
    public Tensor Features(Tensor input)
    {
        using var scope = NewDisposeScope();
        return TrainedFeatures(FrozenPart(input)).MoveToOuterDisposeScope();
    }

    /// <summary>Logits from the output of <see cref="FrozenPart"/> (e.g. cached): the trained blocks, pooling and the classifier.</summary>
    public Tensor ForwardFromFrozen(Tensor frozen)
    {
        using var scope = NewDisposeScope();
        return classifier.forward(TrainedFeatures(frozen)).MoveToOuterDisposeScope();
    }

    /// <summary>The output of the frozen part (preprocessing, stem and the frozen blocks), computed without gradients.</summary>
    public Tensor FrozenPart(Tensor input)
    {
        using var scope = NewDisposeScope();
        bool stemTrains = trainedStages == Stages;
        Tensor x;
        using (stemTrains ? null : no_grad())
        {
            if (!stemTrains)
            {
                stem.eval();
            }

            // Each intermediate is released as soon as the next exists (autograd keeps what it needs): a batch of 256
            // at 224 px would otherwise hold several 0.8 GB maps until the end of the batch.
            x = Preprocess(input);
            x = Replace(x, stem.forward(x));
            x = functional.relu(x, inplace: true);
            x = Replace(x, functional.max_pool2d(x, StemPoolKernel, StemPoolStride, StemPoolPadding));
            for (int i = 0; i < blocks.Count && !Trains(i); i++)
            {
                blocks[i].eval();
                x = Replace(x, blocks[i].forward(x));
            }
        }

        return x.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    /// <remarks>In eval mode large batches run in chunks of <see cref="EvalChunk"/> images: the stem's 7×7 convolution alone
    /// needs about 7 MB of workspace per 224 px image. No test-time mirror averaging: on the first two 10-fold folds it
    /// changed accuracy by −0.24 and −0.12 points (noise) and doubled the cost of every evaluation.</remarks>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        if (training || input.shape[0] <= EvalChunk)
        {
            return classifier.forward(Features(input)).MoveToOuterDisposeScope();
        }

        var parts = new List<Tensor>();
        for (long start = 0; start < input.shape[0]; start += EvalChunk)
        {
            using var chunk = NewDisposeScope();
            parts.Add(classifier.forward(Features(input.narrow(0, start, Math.Min(EvalChunk, input.shape[0] - start)))).MoveToOuterDisposeScope());
        }

        return cat(parts, 0).MoveToOuterDisposeScope();
    }

    private Tensor TrainedFeatures(Tensor frozen)
    {
        var x = frozen;
        for (int i = 0; i < blocks.Count; i++)
        {
            if (Trains(i))
            {
                x = ReferenceEquals(x, frozen) ? blocks[i].forward(x) : Replace(x, blocks[i].forward(x));
            }
        }

        return functional.adaptive_avg_pool2d(x, 1).flatten(1);
    }

    private bool Trains(int block) => blockStages[block] >= Stages - trainedStages;

    private Tensor Preprocess(Tensor input)
    {
        if (input.shape[2] != mean.shape[2] || input.shape[3] != mean.shape[3])
        {
            throw new FaceMaskException($"the network was built for {mean.shape[2]}×{mean.shape[3]} px images, got {input.shape[2]}×{input.shape[3]}");
        }

        using var x = input.dtype == ScalarType.Byte ? input.to_type(ScalarType.Float32) : input.mul(255f);
        return x.flip(1).sub_(mean);
    }

    // Releases `previous` (the tensor `next` was computed from) and returns `next`.
    private static Tensor Replace(Tensor previous, Tensor next)
    {
        previous.Dispose();
        return next;
    }
}
