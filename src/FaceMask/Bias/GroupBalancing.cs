namespace FaceMask.Bias;

/// <summary>
/// Loss weights that give every group × class cell the same total weight (mitigation by reweighting).
/// </summary>
/// <remarks>
/// An image in a cell with <c>n</c> images gets weight proportional to <c>1 / n</c>, so each non-empty cell carries the
/// same total weight; the weights of images with a known group are then scaled to average 1, so images of unknown
/// group keep weight 1, which is both "unweighted" and the mean weight. Weights are capped at
/// <c>maxWeight</c> (cells of one or two images would otherwise dominate and be memorised) and re-scaled to average 1.
/// Reweighting is preferred to resampling because it changes no image and adds no duplicates: every image is still
/// seen once per epoch, the stratified folds stay as they are, and with the trainer's per-batch normalisation
/// (loss = Σ wᵢ·ℓᵢ / Σ wᵢ) the step size stays comparable.
/// </remarks>
public static class GroupBalancing
{
    /// <summary>The default cap on a weight (relative to the mean weight 1).</summary>
    public const double DefaultMaxWeight = 10;

    /// <summary>Computes the weights.</summary>
    /// <param name="attribute">The attribute's name (for the record).</param>
    /// <param name="labels">Class index of each image.</param>
    /// <param name="groups">Group of each image, or null when unknown.</param>
    /// <param name="classes">The class names.</param>
    /// <param name="maxWeight">Cap on a weight; at least 1.</param>
    /// <exception cref="FaceMaskException">No image has a known group, or the cap is below 1.</exception>
    public static GroupBalance Weights(string attribute, IReadOnlyList<int> labels, IReadOnlyList<string?> groups, IReadOnlyList<string> classes, double maxWeight = DefaultMaxWeight)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(classes);
        if (labels.Count != groups.Count)
        {
            throw new ArgumentException($"{labels.Count} labels but {groups.Count} groups.", nameof(groups));
        }

        if (!(maxWeight >= 1))
        {
            throw new FaceMaskException($"--max-weight must be at least 1 (got {maxWeight})");
        }

        var counts = new Dictionary<(string Group, int Label), int>();
        int known = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            if (groups[i] is { } g)
            {
                counts[(g, labels[i])] = counts.GetValueOrDefault((g, labels[i])) + 1;
                known++;
            }
        }

        if (known == 0)
        {
            throw new FaceMaskException($"no image has a known '{attribute}', so there is nothing to balance");
        }

        // Raw weight known / (cells * n): each cell totals known / cells, the known images average 1.
        var weightOf = counts.ToDictionary(kv => kv.Key, kv => (double)known / (counts.Count * kv.Value));
        var clipped = new HashSet<(string, int)>();
        for (int round = 0; round < 50; round++)
        {
            bool changed = false;
            foreach (var key in weightOf.Keys.ToArray())
            {
                if (weightOf[key] > maxWeight)
                {
                    weightOf[key] = maxWeight;
                    changed |= clipped.Add(key);
                }
            }

            double mean = weightOf.Sum(kv => kv.Value * counts[kv.Key]) / known;
            foreach (var key in weightOf.Keys.ToArray())
            {
                weightOf[key] /= mean;
            }

            if (!changed && weightOf.Values.All(w => w <= maxWeight + 1e-9))
            {
                break;
            }
        }

        var weights = new float[labels.Count];
        int unknown = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            if (groups[i] is { } g)
            {
                weights[i] = (float)weightOf[(g, labels[i])];
            }
            else
            {
                weights[i] = 1f;
                unknown++;
            }
        }

        var cells = weightOf.Keys
            .OrderBy(k => k.Group, StringComparer.Ordinal).ThenBy(k => k.Label)
            .Select(k => new BalanceCell(k.Group, classes[k.Label], counts[k], (float)weightOf[k]))
            .ToArray();
        return new GroupBalance(attribute, weights, cells, unknown, clipped.Count);
    }
}
