using System.Text.Json.Serialization;

namespace FaceMask.Calibration;

/// <summary>
/// How well a run's held-out probabilities are calibrated, before and after temperature scaling, and the unsure
/// threshold that reaches a target accuracy: the <c>calibration</c> section of report.json. "Calibrated" figures are
/// measured on probabilities scaled with a temperature fitted on other folds when the predictions come from k folds
/// (<see cref="CrossFitted"/>), else on the same predictions the temperature was fitted on (optimistic).
/// </summary>
public sealed record CalibrationReport
{
    /// <summary>Labelled predictions analysed.</summary>
    public required int N { get; init; }

    /// <summary>
    /// True when the calibrated figures come from cross-fitting over the run's folds (each fold scaled with a
    /// temperature fitted on the other folds); false when fitted and measured on the same predictions.
    /// </summary>
    public required bool CrossFitted { get; init; }

    /// <summary>The temperature fitted on all the predictions (the one <c>facemask calibrate</c> writes into a model).</summary>
    public required double Temperature { get; init; }

    /// <summary>With <see cref="CrossFitted"/>, the temperature each fold was scaled with (fitted on the other folds), in fold order.</summary>
    public IReadOnlyList<double>? FoldTemperatures { get; init; }

    /// <summary>Expected calibration error of the network's probabilities (15 equal-width bins of the top probability).</summary>
    public required double Ece { get; init; }

    /// <summary>Expected calibration error after temperature scaling.</summary>
    public required double EceCalibrated { get; init; }

    /// <summary>Mean negative log-likelihood (cross-entropy) of the true labels under the network's probabilities.</summary>
    public required double Nll { get; init; }

    /// <summary>Mean negative log-likelihood after temperature scaling.</summary>
    public required double NllCalibrated { get; init; }

    /// <summary>Brier score of the network's probabilities.</summary>
    public required double Brier { get; init; }

    /// <summary>Brier score after temperature scaling.</summary>
    public required double BrierCalibrated { get; init; }

    /// <summary>Reliability bins of the network's probabilities.</summary>
    public required IReadOnlyList<ReliabilityBin> Bins { get; init; }

    /// <summary>Reliability bins after temperature scaling.</summary>
    public required IReadOnlyList<ReliabilityBin> BinsCalibrated { get; init; }

    /// <summary>Risk–coverage curve of the calibrated probabilities (about one point per percent of coverage, the last at coverage 1).</summary>
    public required IReadOnlyList<RiskCoveragePoint> RiskCoverage { get; init; }

    /// <summary>The accuracy on answered images the unsure threshold was chosen for.</summary>
    public required double TargetAccuracy { get; init; }

    /// <summary>
    /// The lowest calibrated top probability at which the answered images reach <see cref="TargetAccuracy"/> (images
    /// below it are unsure); null when no threshold reaches the target.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? UnsureBelow { get; init; }

    /// <summary>Share of the images answered at <see cref="UnsureBelow"/>; null when the target is unreachable.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? Coverage { get; init; }

    /// <summary>Accuracy on the images answered at <see cref="UnsureBelow"/>; null when the target is unreachable.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? AnsweredAccuracy { get; init; }

    /// <summary>Accuracy on all the images (coverage 1), the last point of <see cref="RiskCoverage"/>.</summary>
    [JsonIgnore]
    public double Accuracy => RiskCoverage.Count == 0 ? 0 : RiskCoverage[^1].Accuracy;
}
