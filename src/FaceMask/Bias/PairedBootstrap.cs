using FaceMask.Evaluation;

namespace FaceMask.Bias;

/// <summary>
/// Bootstrap of several runs' predictions of the same images, with the same resampled images for every run in each
/// replicate (so differences between runs are judged against the noise of the images, not twice that), stratified by group.
/// </summary>
internal static class PairedBootstrap
{
    /// <summary>
    /// Metric vectors (see <see cref="CountMetrics"/>) per replicate: <c>result[run][stratum][metric][replicate]</c>, where
    /// strata 0…<paramref name="groups"/>−1 are the groups and stratum <paramref name="groups"/> is all images together.
    /// </summary>
    /// <param name="truth">True class of each image.</param>
    /// <param name="predictions">Each run's predicted class of each image.</param>
    /// <param name="group">Group index of each image, or -1 when unknown (resampled as a stratum of its own).</param>
    /// <param name="groups">Number of groups.</param>
    /// <param name="k">Number of classes.</param>
    /// <param name="replicates">Bootstrap replicates.</param>
    /// <param name="seed">Seed.</param>
    public static double[][][][] Run(int[] truth, int[][] predictions, int[] group, int groups, int k, int replicates, int seed)
    {
        int runs = predictions.Length;
        int kk = k * k;
        int m = CountMetrics.Length(k);
        var members = Enumerable.Range(0, groups + 1).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < truth.Length; i++)
        {
            members[group[i] < 0 ? groups : group[i]].Add(i);
        }

        int[][] strata = members.Select(x => x.ToArray()).ToArray();
        var result = new double[runs][][][];
        for (int r = 0; r < runs; r++)
        {
            result[r] = new double[groups + 1][][];
            for (int s = 0; s <= groups; s++)
            {
                result[r][s] = new double[m][];
                for (int j = 0; j < m; j++)
                {
                    result[r][s][j] = new double[replicates];
                }
            }
        }

        var random = new SeededRandom(seed);
        var counts = new int[runs * (groups + 1) * kk];
        var vector = new double[m];
        for (int b = 0; b < replicates; b++)
        {
            Array.Clear(counts);
            for (int s = 0; s < strata.Length; s++)
            {
                int[] idx = strata[s];
                for (int j = 0; j < idx.Length; j++)
                {
                    int i = idx[random.Next(idx.Length)];
                    for (int r = 0; r < runs; r++)
                    {
                        int cell = (truth[i] * k) + predictions[r][i];
                        if (s < groups)
                        {
                            counts[(((r * (groups + 1)) + s) * kk) + cell]++;
                        }

                        counts[(((r * (groups + 1)) + groups) * kk) + cell]++;
                    }
                }
            }

            for (int r = 0; r < runs; r++)
            {
                for (int s = 0; s <= groups; s++)
                {
                    CountMetrics.Compute(counts.AsSpan(((r * (groups + 1)) + s) * kk, kk), k, vector);
                    for (int j = 0; j < m; j++)
                    {
                        result[r][s][j][b] = vector[j];
                    }
                }
            }
        }

        return result;
    }
}
