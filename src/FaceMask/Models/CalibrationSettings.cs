using System.Text.Json.Serialization;

namespace FaceMask.Models;

/// <summary>
/// The <c>calibration</c> section of a model manifest: the temperature that turns the network's probabilities into
/// calibrated ones (fitted on held-out predictions, <c>facemask calibrate</c>) and the calibrated top probability
/// below which an answer is reported as unsure. Absent for uncalibrated models (temperature 1, never unsure).
/// </summary>
public sealed record CalibrationSettings
{
    /// <summary>Calibrated probabilities are <c>softmax(log p / T)</c>; above 1 softens over-confident probabilities.</summary>
    [JsonPropertyName("temperature")]
    public required double Temperature { get; init; }

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
    /// <exception cref="FaceMaskException">Temperature not positive and finite, or threshold outside [0, 1].</exception>
    public void Validate(string where)
    {
        if (!double.IsFinite(Temperature) || Temperature <= 0)
        {
            throw new FaceMaskException($"{where}: calibration temperature must be a positive number (got {Temperature})");
        }

        if (!double.IsFinite(UnsureBelow) || UnsureBelow is < 0 or > 1)
        {
            throw new FaceMaskException($"{where}: calibration unsure_below must be in [0, 1] (got {UnsureBelow})");
        }
    }

    /// <summary>
    /// The calibrated probabilities: <c>softmax(log p / T)</c>, i.e. the network's logits divided by the temperature
    /// (the log of a softmax differs from the logits by a constant, which the softmax removes). The order of the classes,
    /// and so the predicted label, does not change.
    /// </summary>
    public float[] Apply(IReadOnlyList<float> probabilities) => Scale(probabilities, Temperature);

    /// <summary><c>softmax(log p / temperature)</c> of <paramref name="probabilities"/>; zeros stay (near) zero.</summary>
    public static float[] Scale(IReadOnlyList<float> probabilities, double temperature)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var logits = new double[probabilities.Count];
        double max = double.NegativeInfinity;
        for (int i = 0; i < logits.Length; i++)
        {
            logits[i] = Math.Log(Math.Max(probabilities[i], 1e-30)) / temperature;
            max = Math.Max(max, logits[i]);
        }

        double sum = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            logits[i] = Math.Exp(logits[i] - max);
            sum += logits[i];
        }

        var result = new float[logits.Length];
        for (int i = 0; i < logits.Length; i++)
        {
            result[i] = (float)(logits[i] / sum);
        }

        return result;
    }
}
