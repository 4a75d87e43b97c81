using System.Globalization;
using FaceMask.Models;

namespace FaceMask.Calibration;

/// <summary>The sentences about calibration shared by report.md, the model card, report.html and the console.</summary>
public static class CalibrationText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// What the unsure threshold of <paramref name="report"/> does, e.g. "unsure below 0.8731: 81.2% of the images
    /// answered, 95.1% of them right (target 95%)", or that no threshold reaches the target.
    /// </summary>
    public static string Threshold(CalibrationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.UnsureBelow is { } t && report.Coverage is { } coverage && report.AnsweredAccuracy is { } answered
            ? string.Create(Inv, $"unsure below {t:0.0000} (calibrated top probability): {Pct(coverage)} of the images answered, {Pct(answered)} of them right (target {Pct(report.TargetAccuracy)})")
            : string.Create(Inv, $"no threshold reaches {Pct(report.TargetAccuracy)} accuracy on the answered images, not even answering only the most confident ones (accuracy on all: {Pct(report.Accuracy)}); no unsure threshold");
    }

    /// <summary>How the calibrated figures were measured: cross-fitted over the folds, or on the predictions the temperature was fitted on.</summary>
    public static string Honesty(CalibrationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.CrossFitted
            ? string.Create(Inv, $"figures after calibration are cross-fitted: each of the {report.FoldTemperatures?.Count ?? 0} folds was scaled with a temperature fitted on the other folds")
            : "figures after calibration are measured on the same predictions the temperature was fitted on, so they are somewhat optimistic";
    }

    /// <summary>A model's calibration in one paragraph (for its model card).</summary>
    public static string Describe(CalibrationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string fitted = settings.FittedOn is { Length: > 0 } on ? $", fitted on {on}" : string.Empty;
        string text = settings.PriorCorrection > 0 && settings.ClassShares is { } shares
            ? string.Create(Inv, $"The training class shares are divided out first (prior correction with strength {settings.PriorCorrection:0.###}: p' = softmax(log p − {settings.PriorCorrection:0.###} · log share), shares {string.Join(", ", shares.Select(kv => string.Create(Inv, $"{kv.Key} {kv.Value:0.000}")))}), so a class that was rare in training is not answered rarely for that reason; the label is the top class after it. Then the probabilities are temperature-scaled: calibrated = softmax(log p' / T) with T = {settings.Temperature:0.000}{fitted}. ")
            : string.Create(Inv, $"The probabilities are temperature-scaled: calibrated = softmax(log p / T) with T = {settings.Temperature:0.000}{fitted}. ");
        if (settings.UnsureBelow > 0)
        {
            text += string.Create(Inv, $"Answers whose calibrated top probability is below {settings.UnsureBelow:0.0000} are reported as unsure");
            if (settings.Coverage is { } coverage && settings.AnsweredAccuracy is { } answered)
            {
                string target = settings.TargetAccuracy is { } t ? string.Create(Inv, $" (chosen for {Pct(t)})") : string.Empty;
                text += string.Create(Inv, $": on those predictions {Pct(coverage)} of the images were answered and {Pct(answered)} of the answered ones were right{target}");
            }

            return text + ".";
        }

        text += "Answers are never reported as unsure";
        if (settings.AnsweredAccuracy is { } accuracy)
        {
            text += string.Create(Inv, $" (accuracy on those predictions {Pct(accuracy)})");
        }

        return text + ".";
    }

    private static string Pct(double x) => string.Create(Inv, $"{x * 100:0.0}%");
}
