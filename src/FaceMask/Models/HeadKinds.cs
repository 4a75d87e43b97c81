namespace FaceMask.Models;

/// <summary>The classifier heads a backbone model can have (see <see cref="FeatureHead"/>), by the name used on the command line and in model.json.</summary>
public static class HeadKinds
{
    /// <summary>One hidden layer: D→<see cref="FeatureHead.HiddenWidth"/>, ReLU, dropout <see cref="FeatureHead.HiddenDropout"/>, →C (the default).</summary>
    public const string Mlp = "mlp";

    /// <summary>Logistic regression: one linear layer D→C.</summary>
    public const string Linear = "linear";

    /// <summary>Every head kind, the default first.</summary>
    public static IReadOnlyList<string> Names { get; } = [Mlp, Linear];
}
