using FaceMask.Data;
using FaceMask.ResNet;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceMask.Models;

/// <summary>The architectures a model can be built from, by the name used on the command line and in model.json.</summary>
public static class ModelArchitectures
{
    /// <summary>The five-convolution seed CNN (default).</summary>
    public const string Seed5 = "seed5";

    /// <summary>The four-convolution seed CNN (the original's "old model").</summary>
    public const string Seed4 = "seed4";

    /// <summary>
    /// A frozen, ImageNet-trained ResNet18 (ONNX) turning 224×224 centre crops into 512 features, image and mirror,
    /// with a trained <see cref="FeatureHead"/> on top (docs/resnet18.md).
    /// </summary>
    public const string ResNet18 = "resnet18";

    /// <summary>
    /// The ResNet18 of the same ONNX files rebuilt in TorchSharp and fine-tuned on augmented pixels: its last stage (or
    /// more, <c>--tune</c>) and a new classifier train (docs/resnet18.md, "Fine-tuned mode").
    /// </summary>
    public const string ResNet18FineTuned = "resnet18-ft";

    private static readonly ArchitectureDefaults SeedDefaults = new(32, ResizeMode.Stretch, Epochs: 10, BatchSize: 32, Backbone: null, Head: null, Threads: 2);

    // The head's operations are tiny (512×256 matrices): a second libtorch thread only adds synchronisation, and on a
    // busy machine it made epochs up to 8× slower. Epochs and batch size: measured in docs/resnet18.md.
    private static readonly ArchitectureDefaults ResNet18Defaults = new(
        ResNet18Backbone.InputSize, ResizeMode.CenterCrop, Epochs: 15, BatchSize: 64, Backbone: ResNet18Backbone.Name, Head: HeadKinds.Mlp, Threads: 1);

    // Size, trainable part, epochs and learning rate: measured in docs/resnet18.md ("Fine-tuned mode").
    private static readonly ArchitectureDefaults FineTunedDefaults = new(
        224, ResizeMode.CenterCrop, Epochs: 1, BatchSize: 32, Backbone: null, Head: null, Threads: 2,
        TunedBackbone: ResNet18Backbone.Name, Tune: ResNetTuning.Layer4, Augment: true, LearningRate: 0.0001);

    /// <summary>Every known architecture name.</summary>
    public static IReadOnlyList<string> Names { get; } = [Seed5, Seed4, ResNet18, ResNet18FineTuned];

    /// <summary>Input size, resize mode, epochs, batch size, backbone, head and threads of <paramref name="arch"/> unless the user says otherwise.</summary>
    public static ArchitectureDefaults Defaults(string arch) => arch switch
    {
        Seed5 or Seed4 => SeedDefaults,
        ResNet18 => ResNet18Defaults,
        ResNet18FineTuned => FineTunedDefaults,
        _ => throw Unknown(arch),
    };

    /// <summary>Creates an untrained network; libtorch's generator must be seeded first for reproducible weights.</summary>
    /// <param name="arch">Architecture name.</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="inputSize">Image side in pixels.</param>
    /// <param name="head">Head of a backbone model (null: the architecture's default); must be null for the others.</param>
    /// <param name="tune">How much of a fine-tuned backbone trains (<see cref="ResNetTuning"/>; null: the architecture's default).</param>
    /// <param name="backboneDirectory">Folder of the backbone's ONNX files a fine-tuned model is built from; null uses the application's.</param>
    public static Module<Tensor, Tensor> Create(string arch, int classes, int inputSize, string? head = null, string? tune = null, string? backboneDirectory = null)
    {
        if (tune is not null && arch != ResNet18FineTuned)
        {
            throw new FaceMaskException($"--tune {tune}: only {ResNet18FineTuned} fine-tunes a backbone; {arch} has nothing to tune");
        }

        if (arch is Seed5 or Seed4 or ResNet18FineTuned && head is not null)
        {
            throw new FaceMaskException($"--head {head}: only backbone architectures ({ResNet18}) have a head; {arch} has none");
        }

        return arch switch
        {
            Seed5 => new SeedCnn(5, classes, inputSize),
            Seed4 => new SeedCnn(4, classes, inputSize),
            ResNet18 when inputSize != ResNet18Backbone.InputSize =>
                throw new FaceMaskException($"--size {inputSize}: {ResNet18} takes {ResNet18Backbone.InputSize} px images"),
            ResNet18 => new FeatureHead(head ?? ResNet18Defaults.Head!, ResNet18Backbone.FeatureLength, classes),
            ResNet18FineTuned => FineTuned(classes, inputSize, tune ?? FineTunedDefaults.Tune!, backboneDirectory),
            _ => throw Unknown(arch),
        };
    }

    private static ResNet18Network FineTuned(int classes, int inputSize, string tune, string? backboneDirectory)
    {
        var network = ResNetImporter.Import(ResNet18Backbone.Locate(backboneDirectory), classes, inputSize);
        try
        {
            network.SetTrainedStages(ResNetTuning.TrainedStages(tune, network.Stages));
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private static FaceMaskException Unknown(string arch) => new($"unknown architecture '{arch}'; known: {string.Join(", ", Names)}");
}
