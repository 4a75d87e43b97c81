using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceMask.Models;

/// <summary>
/// The original student system's CNN: 3×3 convolutions (stride 1, padding 1), each followed by BatchNorm and ReLU,
/// a 2×2 max-pool after every second convolution (two pools), dropout 0.02, flatten and one fully connected layer.
/// Five convolutions is the "new model" (<c>seed5</c>), four the "old model" (<c>seed4</c>).
/// Channel widths: 16, 16, 32, 32, 64 (chosen for speed on 2 CPU cores: 4× fewer multiply-adds than 32…128, about 1,200 training images/s at 32×32).
/// </summary>
internal sealed class SeedCnn : Module<Tensor, Tensor>
{
    /// <summary>Channel widths of the convolutions, in order.</summary>
    public static IReadOnlyList<int> Widths { get; } = [16, 16, 32, 32, 64];

    private readonly Sequential features;
    private readonly Dropout dropout;
    private readonly Linear classifier;

    /// <summary>Builds the network.</summary>
    /// <param name="convLayers">4 or 5.</param>
    /// <param name="classes">Number of output classes.</param>
    /// <param name="inputSize">Input side in pixels; must be divisible by 4.</param>
    public SeedCnn(int convLayers, int classes, int inputSize)
        : base(convLayers == 5 ? "seed5" : "seed4")
    {
        if (convLayers is not (4 or 5))
        {
            throw new ArgumentOutOfRangeException(nameof(convLayers), "the seed CNN has 4 or 5 convolutions");
        }

        if (inputSize < 8 || inputSize % 4 != 0)
        {
            throw new FaceMaskException($"--size {inputSize}: the seed CNNs need a size divisible by 4 and at least 8");
        }

        var layers = new List<(string, Module<Tensor, Tensor>)>();
        int inChannels = 3;
        int pools = 0;
        for (int i = 0; i < convLayers; i++)
        {
            int width = Widths[i];
            layers.Add(($"conv{i + 1}", Conv2d(inChannels, width, kernel_size: 3, stride: 1, padding: 1)));
            layers.Add(($"bn{i + 1}", BatchNorm2d(width)));
            layers.Add(($"relu{i + 1}", ReLU()));
            if (i % 2 == 1 && pools < 2)
            {
                pools++;
                layers.Add(($"pool{pools}", MaxPool2d(kernel_size: 2, stride: 2)));
            }

            inChannels = width;
        }

        features = Sequential(layers);
        dropout = Dropout(0.02);
        int side = inputSize / 4;
        classifier = Linear(inChannels * side * side, classes);
        RegisterComponents();
    }

    /// <summary>
    /// The layers in the order <see cref="forward"/> applies them, named as in the state dict (the flatten between
    /// the features and the classifier is not a layer). Used by the ONNX export.
    /// </summary>
    internal IEnumerable<(string Name, Module Module)> LayersInOrder() =>
        features.named_children().Select(c => ("features." + c.name, (Module)c.module))
            .Append(("dropout", dropout))
            .Append(("classifier", classifier));

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var x = features.forward(input);
        using var d = dropout.forward(x);
        using var f = d.flatten(1);
        return classifier.forward(f);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            features.Dispose();
            dropout.Dispose();
            classifier.Dispose();
        }

        base.Dispose(disposing);
    }
}
