namespace FaceMask.Evaluation;

/// <summary>
/// Sums doubles in the order NumPy's <c>np.sum</c> does for a contiguous float64 array (pairwise
/// summation with eight accumulators), so that averages are bit-identical to sklearn's.
/// </summary>
internal static class NumpySum
{
    private const int BlockSize = 128;

    /// <summary>The sum of <paramref name="values"/>, added up like <c>np.sum</c>.</summary>
    public static double Sum(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        if (n < 8)
        {
            double res = 0.0;
            for (int i = 0; i < n; i++)
            {
                res += values[i];
            }

            return res;
        }

        if (n <= BlockSize)
        {
            Span<double> r = stackalloc double[8];
            values[..8].CopyTo(r);
            int i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                for (int j = 0; j < 8; j++)
                {
                    r[j] += values[i + j];
                }
            }

            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++)
            {
                res += values[i];
            }

            return res;
        }

        int n2 = n / 2;
        n2 -= n2 % 8;
        return Sum(values[..n2]) + Sum(values[n2..]);
    }

    /// <summary>The arithmetic mean, like <c>np.mean</c>; 0 for no values.</summary>
    public static double Mean(ReadOnlySpan<double> values) =>
        values.Length == 0 ? 0.0 : Sum(values) / values.Length;
}
