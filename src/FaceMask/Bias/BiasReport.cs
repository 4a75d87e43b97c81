namespace FaceMask.Bias;

/// <summary>Everything the bias analysis found, as written to <c>bias.json</c>.</summary>
public sealed record BiasReport
{
    /// <summary>bias.json format tag.</summary>
    public string Format { get; init; } = "facemask-bias/1";

    /// <summary>The command line that produced it, when known.</summary>
    public string? Command { get; init; }

    /// <summary>Which predictions were analysed (e.g. "out-of-fold (k-fold)").</summary>
    public string? Predictions { get; init; }

    /// <summary>The dataset root, when known.</summary>
    public string? DataRoot { get; init; }

    /// <summary>The model folder, when a saved model was evaluated.</summary>
    public string? Model { get; init; }

    /// <summary>Class names.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>How intervals were computed.</summary>
    public required BiasSettings Settings { get; init; }

    /// <summary>How the attribute source matched the images (null when groups were given directly).</summary>
    public BiasCoverage? Coverage { get; init; }

    /// <summary>All analysed predictions together.</summary>
    public required BiasGroupResult Overall { get; init; }

    /// <summary>Each attribute, then each intersection of two attributes.</summary>
    public required IReadOnlyList<BiasAttributeResult> Attributes { get; init; }

    /// <summary>Everything that deserves a reader's attention, in plain words.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
