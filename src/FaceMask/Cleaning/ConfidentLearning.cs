namespace FaceMask.Cleaning;

/// <summary>
/// The label-issue rule of confident learning (Northcutt, Jiang and Chuang, 2021, the off-diagonal of the "confident
/// joint"): with out-of-sample probabilities p, the threshold of class j is the mean p_j over the images labelled j;
/// an image counts as confidently belonging to class j when p_j reaches that threshold (of several such classes, the one
/// with the highest p_j); it is flagged when that class is not its given label. Images that reach no threshold are kept.
/// No number is tuned: the thresholds come from the data.
/// </summary>
internal static class ConfidentLearning
{
    /// <summary>Per class, the mean probability of that class over the images labelled with it (NaN for an absent class).</summary>
    public static double[] Thresholds(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> given, int classes)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(given);
        var sums = new double[classes];
        var counts = new int[classes];
        for (int i = 0; i < given.Count; i++)
        {
            sums[given[i]] += probabilities[i][given[i]];
            counts[given[i]]++;
        }

        return sums.Select((s, c) => counts[c] > 0 ? s / counts[c] : double.NaN).ToArray();
    }

    /// <summary>
    /// Per image, the class it confidently belongs to, or -1 when it reaches no class's threshold. An image is a label
    /// issue when this is neither -1 nor its given label.
    /// </summary>
    public static int[] ConfidentClasses(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> given, int classes)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(given);
        if (probabilities.Count != given.Count)
        {
            throw new ArgumentException($"{probabilities.Count} probability rows but {given.Count} labels", nameof(given));
        }

        double[] thresholds = Thresholds(probabilities, given, classes);
        var confident = new int[given.Count];
        for (int i = 0; i < given.Count; i++)
        {
            int best = -1;
            for (int c = 0; c < classes; c++)
            {
                float p = probabilities[i][c];
                if (!double.IsNaN(thresholds[c]) && p >= thresholds[c] && (best < 0 || p > probabilities[i][best]))
                {
                    best = c;
                }
            }

            confident[i] = best;
        }

        return confident;
    }
}
