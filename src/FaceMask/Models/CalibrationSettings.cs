using System.Text.Json.Serialization;

namespace FaceMask.Models;

/// <summary>
/// The <c>calibration</c> section of a model manifest: an optional prior correction (the training class shares divided
/// out, <see cref="PriorCorrection"/>), the temperature that turns the (corrected) probabilities into calibrated ones
/// (fitted on held-out predictions, <c>facemask calibrate</c>) and the calibrated top probability below which an answer
/// is reported as unsure. The label is the top class after the correction. Absent for uncalibrated models (no
/// correction, temperature 1, never unsure).
/// </summary>
public sealed record CalibrationSettings
{
    /// <summary>Calibrated probabilities are <c>softmax(log p / T)</c>; above 1 softens over-confident probabilities.</summary>
    [JsonPropertyName("temperature")]
    public required double Temperature { get; init; }

    /// <summary>
    /// Strength τ of the prior correction applied before the temperature: 0 none, 1 answers as if every class had been
    /// equally common in training (<see cref="PriorCorrection"/>).
    /// </summary>
    [JsonPropertyName("prior_correction")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double PriorCorrection { get; init; }

    /// <summary>Each class's share of the model's training images, the priors the correction divides out; needed when <see cref="PriorCorrection"/> is not 0.</summary>
    [JsonPropertyName("class_shares")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, double>? ClassShares { get; init; }

    /// <summary>Answers whose calibrated top probability is below this are unsure (0: never unsure).</summary>
    [JsonPropertyName("unsure_below")]
    public double UnsureBelow { get; init; }

    /// <summary>The accuracy on answered images the threshold was chosen for, when it was chosen that way.</summary>
    [JsonPropertyName("target_accuracy")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TargetAccuracy { get; init; }

    /// <summary>Accuracy on the answered held-out images at <see cref="UnsureBelow"/>, as measured when fitted.</summary>
    [JsonPropertyName("answered_accuracy")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? AnsweredAccuracy { get; init; }

    /// <summary>Share of the held-out images answered (not unsure) at <see cref="UnsureBelow"/>, as measured when fitted.</summary>
    [JsonPropertyName("coverage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Coverage { get; init; }

    /// <summary>What the temperature and threshold were fitted on (e.g. the run folder and its protocol).</summary>
    [JsonPropertyName("fitted_on")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FittedOn { get; init; }

    /// <summary>Throws when a value is out of range; <paramref name="where"/> names the file for the message.</summary>
    /// <param name="where">The file, for the message.</param>
    /// <param name="classes">The model's classes, which a prior correction needs a share for each of.</param>
    /// <exception cref="FaceMaskException">Temperature not positive and finite, threshold outside [0, 1], or a prior correction that is negative or lacks a class's share.</exception>
    public void Validate(string where, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        if (!double.IsFinite(PriorCorrection) || PriorCorrection < 0)
        {
            throw new FaceMaskException($"{where}: calibration prior_correction must be 0 or more (got {PriorCorrection})");
        }

        if (PriorCorrection > 0)
        {
            foreach (string c in classes)
            {
                if (ClassShares is null || !ClassShares.TryGetValue(c, out double share) || !double.IsFinite(share) || share <= 0)
                {
                    throw new FaceMaskException($"{where}: calibration prior_correction needs class_shares with a positive share for every class; '{c}' has none");
                }
            }
        }

        if (!double.IsFinite(Temperature) || Temperature <= 0)
        {
            throw new FaceMaskException($"{where}: calibration temperature must be a positive number (got {Temperature})");
        }

        if (!double.IsFinite(UnsureBelow) || UnsureBelow is < 0 or > 1)
        {
            throw new FaceMaskException($"{where}: calibration unsure_below must be in [0, 1] (got {UnsureBelow})");
        }
    }

    /// <summary>The shares of <see cref="ClassShares"/> in the order of <paramref name="classes"/>, or null without a prior correction.</summary>
    public double[]? SharesFor(IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        return PriorCorrection > 0 && ClassShares is { } shares ? classes.Select(c => shares[c]).ToArray() : null;
    }

    /// <summary><c>softmax(log p / temperature)</c> of <paramref name="probabilities"/>; zeros stay (near) zero.</summary>
    public static float[] Scale(IReadOnlyList<float> probabilities, double temperature)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        return Softmax(probabilities.Select(p => LogOf(p) / temperature).ToArray());
    }

    /// <summary>The log of a probability, with zero read as 1e-30 so that it stays (near) zero after a softmax.</summary>
    internal static double LogOf(float probability) => Math.Log(Math.Max(probability, 1e-30));

    /// <summary>The softmax of <paramref name="logits"/> (overwritten), as float32 probabilities.</summary>
    internal static float[] Softmax(double[] logits)
    {
        double max = logits.Length == 0 ? 0 : logits.Max();
        double sum = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            logits[i] = Math.Exp(logits[i] - max);
            sum += logits[i];
        }

        return logits.Select(e => (float)(e / sum)).ToArray();
    }
}
