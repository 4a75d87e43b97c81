namespace FaceMask.Runs;

/// <summary>Options of a hold-out training run (<c>facemask train</c>), or of more epochs for a saved model.</summary>
public sealed record TrainRunOptions : TrainingRunOptions
{
    /// <summary>The default <see cref="TestSplit"/>.</summary>
    public const double DefaultTestSplit = 0.3;

    /// <summary>Share of each class held out for testing (0 trains on everything).</summary>
    public double TestSplit { get; init; } = DefaultTestSplit;

    /// <summary>A saved model to train further (its architecture, head, classes, size and normalisation are kept).</summary>
    public string? Resume { get; init; }
}
