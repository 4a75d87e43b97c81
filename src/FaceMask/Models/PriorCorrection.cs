namespace FaceMask.Models;

/// <summary>
/// Prior correction (post-hoc logit adjustment, Menon et al. 2021): divides each class probability by that class's
/// share of the training images raised to a strength τ and renormalises, i.e. <c>softmax(log p − τ log π)</c>. With
/// τ = 1 the answer is the one a model trained on equally common classes would give; with τ = 0 nothing changes. A
/// network trained on 4 % valve respirators learns to say "valve" rarely; on photos where every class is as common as
/// the others (or where the rare class's usual source is missing) that habit costs its recall, and this undoes it.
/// </summary>
public static class PriorCorrection
{
    /// <summary>The corrected probabilities of <paramref name="probabilities"/> (class order).</summary>
    /// <param name="probabilities">Probabilities, one per class.</param>
    /// <param name="shares">Each class's share of the training images (positive; need not sum to 1), in the same order.</param>
    /// <param name="strength">τ, at least 0 (0: unchanged).</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static float[] Apply(IReadOnlyList<float> probabilities, IReadOnlyList<double> shares, double strength)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(shares);
        if (probabilities.Count != shares.Count)
        {
            throw new ArgumentException($"{probabilities.Count} probabilities for {shares.Count} class shares", nameof(shares));
        }

        if (strength == 0)
        {
            return probabilities.ToArray();
        }

        return CalibrationSettings.Softmax(probabilities.Select((p, i) => CalibrationSettings.LogOf(p) - strength * Math.Log(shares[i])).ToArray());
    }

    /// <summary>
    /// The probabilities a prior-corrected model started from: the inverse of <see cref="Apply"/> with the same shares
    /// and strength (exact up to float rounding).
    /// </summary>
    public static float[] Undo(IReadOnlyList<float> corrected, IReadOnlyList<double> shares, double strength) =>
        Apply(corrected, shares, -strength);

    /// <summary>Each class's share of <paramref name="counts"/> (images per class, in class order).</summary>
    /// <exception cref="FaceMaskException">A class has no images (its share would be 0 and its correction infinite).</exception>
    public static double[] Shares(IReadOnlyList<int> counts, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(classes);
        double total = counts.Sum(c => (double)c);
        for (int i = 0; i < counts.Count; i++)
        {
            if (counts[i] <= 0)
            {
                throw new FaceMaskException($"prior correction: class '{classes[i]}' has no training images, so its share is 0 and cannot be divided out");
            }
        }

        return counts.Select(c => c / total).ToArray();
    }
}
