using System.Globalization;
using FaceMask.Models;

namespace FaceMask.Inference;

/// <summary>
/// The calibration an inference path applies (<see cref="ImageClassifier"/>, and through it <c>predict</c>,
/// <c>detect</c>, <c>video</c> and <c>serve</c>): the prior correction (training class shares divided out,
/// <see cref="PriorCorrection"/>), then the temperature the probabilities are scaled with, and the calibrated top
/// probability below which an answer is unsure; the label is the top class of the result. Made from a model's manifest
/// (its <see cref="ModelManifest.Calibration"/>, else no correction, temperature 1 and never unsure), the threshold
/// optionally overridden by the caller.
/// </summary>
public sealed record CalibrationInEffect
{
    /// <summary>A temperature, a threshold and optionally a prior correction as given (see <see cref="For"/> for a model's).</summary>
    /// <param name="temperature">The temperature, a positive number.</param>
    /// <param name="unsureBelow">The unsure threshold in [0, 1].</param>
    /// <param name="classShares">The training class shares the correction divides out (class order); needed when <paramref name="priorCorrection"/> is not 0.</param>
    /// <param name="priorCorrection">The correction's strength τ, at least 0 (0: none).</param>
    /// <exception cref="FaceMaskException">The temperature is not a positive number, the threshold is outside [0, 1], or the correction is negative or lacks its shares.</exception>
    public CalibrationInEffect(double temperature, double unsureBelow, IReadOnlyList<double>? classShares = null, double priorCorrection = 0)
    {
        if (!double.IsFinite(priorCorrection) || priorCorrection < 0 || (priorCorrection > 0 && (classShares is null || classShares.Any(s => !(s > 0) || !double.IsFinite(s)))))
        {
            throw new FaceMaskException(string.Create(CultureInfo.InvariantCulture, $"the prior correction must be 0 or more with a positive training share for every class, got {priorCorrection}"));
        }

        PriorCorrectionStrength = priorCorrection;
        ClassShares = priorCorrection > 0 ? classShares!.ToArray() : null;

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

    /// <summary>Strength τ of the prior correction (0: none).</summary>
    public double PriorCorrectionStrength { get; }

    /// <summary>The training class shares the correction divides out, in class order; null without a correction.</summary>
    public IReadOnlyList<double>? ClassShares { get; }

    /// <summary>
    /// The calibration of <paramref name="manifest"/>'s model: its prior correction, fitted temperature and threshold, or
    /// no correction, temperature 1 and threshold 0 without a calibration section; <paramref name="unsureBelow"/>, when
    /// given, replaces the threshold.
    /// </summary>
    /// <exception cref="FaceMaskException"><paramref name="unsureBelow"/> is outside [0, 1].</exception>
    public static CalibrationInEffect For(ModelManifest manifest, double? unsureBelow = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ValidateThreshold(unsureBelow);
        CalibrationSettings? fitted = manifest.Calibration;
        double[]? shares = fitted?.SharesFor(manifest.Classes);
        return new CalibrationInEffect(fitted?.Temperature ?? 1.0, unsureBelow ?? fitted?.UnsureBelow ?? 0.0, shares, shares is null ? 0 : fitted!.PriorCorrection);
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
    /// The calibrated probabilities: the prior-corrected ones (<see cref="Correct(float[])"/>) scaled with
    /// <see cref="Temperature"/> (<see cref="CalibrationSettings.Scale"/>); without either, the network's own, unchanged.
    /// Their top class is the answer.
    /// </summary>
    public float[] Apply(float[] probabilities)
    {
        float[] corrected = Correct(probabilities);
        return Temperature == 1.0 ? corrected : CalibrationSettings.Scale(corrected, Temperature);
    }

    /// <summary>
    /// The prior-corrected probabilities (<see cref="PriorCorrection.Apply"/>), before the temperature: what
    /// <c>evaluate</c> reports, and whose top class is the answer; without a correction, the network's own, unchanged.
    /// </summary>
    public float[] Correct(float[] probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        return ClassShares is null ? probabilities : PriorCorrection.Apply(probabilities, ClassShares, PriorCorrectionStrength);
    }

    /// <summary>
    /// <paramref name="row"/> as the model answers it: the prior-corrected probabilities (<see cref="Correct(float[])"/>)
    /// and their top class; unchanged without a correction. How <c>evaluate</c> and <c>bias</c> report a saved model.
    /// </summary>
    internal Protocols.PredictionRow Correct(Protocols.PredictionRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (ClassShares is null)
        {
            return row;
        }

        return row.WithProbabilities(Correct(row.Probabilities));
    }

    /// <summary>Whether an answer whose calibrated top probability is <paramref name="topProbability"/> is unsure.</summary>
    public bool IsUnsure(float topProbability) => topProbability < UnsureBelow;
}
