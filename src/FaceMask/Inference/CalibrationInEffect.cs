using System.Globalization;
using FaceMask.Models;

namespace FaceMask.Inference;

/// <summary>
/// The calibration an inference path applies (<see cref="ImageClassifier"/>, and through it <c>predict</c>,
/// <c>detect</c> and <c>serve</c>): the temperature the network's probabilities are scaled with and the calibrated top
/// probability below which an answer is unsure. Made from a model's manifest (its <see cref="ModelManifest.Calibration"/>,
/// else temperature 1 and never unsure), the threshold optionally overridden by the caller.
/// </summary>
public sealed record CalibrationInEffect
{
    /// <summary>A temperature and a threshold as given (see <see cref="For"/> for a model's).</summary>
    /// <exception cref="FaceMaskException">The temperature is not a positive number or the threshold is outside [0, 1].</exception>
    public CalibrationInEffect(double temperature, double unsureBelow)
    {
        if (!double.IsFinite(temperature) || temperature <= 0)
        {
            throw new FaceMaskException(string.Create(CultureInfo.InvariantCulture, $"the calibration temperature must be a positive number, got {temperature}"));
        }

        ValidateThreshold(unsureBelow);
        Temperature = temperature;
        UnsureBelow = unsureBelow;
    }

    /// <summary>No calibration: the network's probabilities as they are, never unsure.</summary>
    public static CalibrationInEffect None { get; } = new(1.0, 0.0);

    /// <summary>Calibrated probabilities are <c>softmax(log p / T)</c> of the network's <c>p</c> (1: unchanged).</summary>
    public double Temperature { get; }

    /// <summary>An answer whose calibrated top probability is below this is unsure (0: never unsure).</summary>
    public double UnsureBelow { get; }

    /// <summary>
    /// The calibration of <paramref name="manifest"/>'s model: its fitted temperature and threshold, or temperature 1 and
    /// threshold 0 without a calibration section; <paramref name="unsureBelow"/>, when given, replaces the threshold.
    /// </summary>
    /// <exception cref="FaceMaskException"><paramref name="unsureBelow"/> is outside [0, 1].</exception>
    public static CalibrationInEffect For(ModelManifest manifest, double? unsureBelow = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ValidateThreshold(unsureBelow);
        CalibrationSettings? fitted = manifest.Calibration;
        return new CalibrationInEffect(fitted?.Temperature ?? 1.0, unsureBelow ?? fitted?.UnsureBelow ?? 0.0);
    }

    /// <summary>Throws when an unsure threshold given by the caller is not a number in [0, 1]; null is fine (the model's).</summary>
    /// <exception cref="FaceMaskException">The threshold is outside [0, 1] or not a number.</exception>
    public static void ValidateThreshold(double? unsureBelow)
    {
        if (unsureBelow is { } value && !(value >= 0 && value <= 1))
        {
            throw new FaceMaskException(string.Create(CultureInfo.InvariantCulture, $"the unsure threshold must be between 0 and 1 (0: never unsure), got {value}"));
        }
    }

    /// <summary>
    /// The calibrated probabilities (<see cref="CalibrationSettings.Scale"/> with <see cref="Temperature"/>); with
    /// temperature 1 the network's own, unchanged.
    /// </summary>
    public float[] Apply(float[] probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        return Temperature == 1.0 ? probabilities : CalibrationSettings.Scale(probabilities, Temperature);
    }

    /// <summary>Whether an answer whose calibrated top probability is <paramref name="topProbability"/> is unsure.</summary>
    public bool IsUnsure(float topProbability) => topProbability < UnsureBelow;
}
