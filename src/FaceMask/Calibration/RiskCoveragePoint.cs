namespace FaceMask.Calibration;

/// <summary>
/// One point of a risk–coverage curve: answer only the predictions whose top probability is at least
/// <see cref="Threshold"/>, and call the rest unsure.
/// </summary>
public sealed record RiskCoveragePoint
{
    /// <summary>The lowest top probability still answered.</summary>
    public required double Threshold { get; init; }

    /// <summary>Predictions answered (top probability at least <see cref="Threshold"/>).</summary>
    public required int Answered { get; init; }

    /// <summary>Share of the predictions answered, 0–1.</summary>
    public required double Coverage { get; init; }

    /// <summary>Share of the answered predictions that are right, 0–1 (1 − risk).</summary>
    public required double Accuracy { get; init; }
}
