using FaceMask.Inference;

namespace FaceMask.Video;

/// <summary>
/// One answer per track from its classified faces: the probabilities are averaged, each face weighted by its detector
/// score (a soft, probability-weighted vote), the label is the top class, and the photo path's unsure rule
/// (<see cref="CalibrationInEffect.IsUnsure"/>) is applied to the voted top probability.
/// </summary>
internal static class TrackVote
{
    /// <summary>The voted label, probabilities (model class order) and unsure flag.</summary>
    /// <exception cref="ArgumentException">No sample, or a sample with the wrong number of classes.</exception>
    public static (string Label, IReadOnlyDictionary<string, float> Probabilities, bool Unsure) Vote(
        IReadOnlyList<TrackSample> samples, IReadOnlyList<string> classes, CalibrationInEffect calibration)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(calibration);
        if (samples.Count == 0)
        {
            throw new ArgumentException("a vote needs at least one classified face", nameof(samples));
        }

        var sum = new double[classes.Count];
        double totalWeight = 0;
        foreach (TrackSample sample in samples)
        {
            if (sample.Probabilities.Length != classes.Count)
            {
                throw new ArgumentException($"a sample has {sample.Probabilities.Length} probabilities for {classes.Count} classes", nameof(samples));
            }

            double weight = Math.Max(sample.DetectorScore, 1e-3);
            totalWeight += weight;
            for (int c = 0; c < classes.Count; c++)
            {
                sum[c] += weight * sample.Probabilities[c];
            }
        }

        var probabilities = new Dictionary<string, float>(classes.Count);
        int best = 0;
        for (int c = 0; c < classes.Count; c++)
        {
            probabilities[classes[c]] = (float)(sum[c] / totalWeight);
            if (sum[c] > sum[best])
            {
                best = c;
            }
        }

        return (classes[best], probabilities, calibration.IsUnsure(probabilities[classes[best]]));
    }
}
