using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceMask.Models;

/// <summary>
/// A classifier on frozen backbone features. Its input is N×V×D: V views of each image (the image and its
/// horizontal mirror), D features each (N×D is taken as one view). While training it classifies one randomly chosen
/// view per image (mirror augmentation for free); in eval mode it averages the class probabilities of all views and
/// returns their logarithm, so that softmax gives the averaged probabilities and cross-entropy scores them.
/// </summary>
internal sealed class FeatureHead : Module<Tensor, Tensor>
{
    /// <summary>Width of the <see cref="HeadKinds.Mlp"/> head's hidden layer.</summary>
    public const int HiddenWidth = 256;

    /// <summary>Dropout after the hidden layer of the <see cref="HeadKinds.Mlp"/> head.</summary>
    public const double HiddenDropout = 0.5;

    private readonly Sequential layers;

    /// <summary>Builds a head.</summary>
    /// <param name="kind"><see cref="HeadKinds.Mlp"/> or <see cref="HeadKinds.Linear"/>.</param>
    /// <param name="features">Features per view (D).</param>
    /// <param name="classes">Number of output classes.</param>
    public FeatureHead(string kind, int features, int classes)
        : base("feature_head_" + kind)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        Kind = kind;
        layers = kind switch
        {
            HeadKinds.Mlp => Sequential(
                ("fc1", Linear(features, HiddenWidth)),
                ("relu", ReLU()),
                ("dropout", Dropout(HiddenDropout)),
                ("fc2", Linear(HiddenWidth, classes))),
            HeadKinds.Linear => Sequential(("fc", Linear(features, classes))),
            _ => throw new FaceMaskException($"unknown head '{kind}'; known: {string.Join(", ", HeadKinds.Names)}"),
        };
        RegisterComponents();
    }

    /// <summary>This head's kind.</summary>
    public string Kind { get; }

    /// <summary>The layers one view goes through, in order, named as in the state dict. Used by the ONNX export.</summary>
    internal IEnumerable<(string Name, Module Module)> LayersInOrder() =>
        layers.named_children().Select(c => ("layers." + c.name, (Module)c.module));

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        if (input.dim() == 2)
        {
            return layers.forward(input);
        }

        if (input.dim() != 3)
        {
            throw new ArgumentException($"expected N×views×features or N×features, got [{string.Join(", ", input.shape)}]", nameof(input));
        }

        long n = input.shape[0], views = input.shape[1], length = input.shape[2];
        if (training)
        {
            if (views == 1)
            {
                using var single = input.select(1, 0);
                return layers.forward(single);
            }

            using var pick = randint(views, new long[] { n, 1, 1 }, dtype: ScalarType.Int64).expand(n, 1, length);
            using var chosen = input.gather(1, pick).squeeze(1);
            return layers.forward(chosen);
        }

        using var flat = input.reshape(n * views, length);
        using var logits = layers.forward(flat);
        using var perView = logits.view(n, views, -1).log_softmax(2);
        using var summed = perView.logsumexp(1);
        return summed.sub(Math.Log(views));
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            layers.Dispose();
        }

        base.Dispose(disposing);
    }
}
