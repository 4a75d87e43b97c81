using FaceMask.Models;

namespace FaceMask.Calibration;

/// <summary>What <see cref="ModelCalibrator.Calibrate"/> wrote.</summary>
public sealed record CalibratedModel
{
    /// <summary>The calibrated copy of the model folder (full path).</summary>
    public required string Directory { get; init; }

    /// <summary>The copy's manifest, with its <see cref="ModelManifest.Calibration"/> set.</summary>
    public required ModelManifest Manifest { get; init; }

    /// <summary>The analysis of the run's predictions the calibration was fitted on.</summary>
    public required CalibrationReport Report { get; init; }

    /// <summary>True when the copy's generated model card was given a calibration section (false: no card, or edited by hand and copied unchanged).</summary>
    public required bool ModelCardUpdated { get; init; }

    /// <summary>Things the user should know (an earlier calibration replaced, predictions of other weights, a hand-edited card).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>What the prior correction did to the held-out predictions, when one was stored; else null.</summary>
    public PriorCorrectionEffect? PriorCorrection { get; init; }
}
