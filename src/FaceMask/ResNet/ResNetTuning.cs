namespace FaceMask.ResNet;

/// <summary>
/// How much of the fine-tuned ResNet18 trains (<c>--tune</c>): the last stage (<see cref="Layer4"/>), the last two
/// (<see cref="Layer3"/>) or everything (<see cref="All"/>); the classifier layer always trains. Frozen parts stay in
/// eval mode (their batch-norm statistics are kept) and run without gradients.
/// </summary>
public static class ResNetTuning
{
    /// <summary>Only the last stage (the 512-channel blocks) and the classifier train.</summary>
    public const string Layer4 = "layer4";

    /// <summary>The last two stages and the classifier train.</summary>
    public const string Layer3 = "layer3";

    /// <summary>Every layer trains.</summary>
    public const string All = "all";

    /// <summary>Every known value.</summary>
    public static IReadOnlyList<string> Names { get; } = [Layer4, Layer3, All];

    /// <summary>The number of trailing stages that train for <paramref name="tuning"/> (all of them, stem included, for <see cref="All"/>).</summary>
    /// <exception cref="FaceMaskException">Unknown value.</exception>
    public static int TrainedStages(string tuning, int stages) => tuning switch
    {
        Layer4 => 1,
        Layer3 => 2,
        All => stages,
        _ => throw new FaceMaskException($"--tune {tuning}: unknown; known: {string.Join(", ", Names)}"),
    };
}
