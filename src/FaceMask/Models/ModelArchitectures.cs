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

    /// <summary>Every known architecture name.</summary>
    public static IReadOnlyList<string> Names { get; } = [Seed5, Seed4];

    /// <summary>Creates an untrained network; libtorch's generator must be seeded first for reproducible weights.</summary>
    public static Module<Tensor, Tensor> Create(string arch, int classes, int inputSize) => arch switch
    {
        Seed5 => new SeedCnn(5, classes, inputSize),
        Seed4 => new SeedCnn(4, classes, inputSize),
        _ => throw new FaceMaskException($"unknown architecture '{arch}'; known: {string.Join(", ", Names)}"),
    };
}
