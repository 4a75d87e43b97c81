namespace FaceMask.Bias;

/// <summary>Percentile intervals of bootstrap replicates (NumPy's default linear interpolation).</summary>
internal static class Percentile
{
    /// <summary>
    /// The central <paramref name="confidence"/> interval of the finite values in <paramref name="values"/>
    /// (sorted in place); (NaN, NaN) when there are none.
    /// </summary>
    public static (double Low, double High) Interval(Span<double> values, double confidence)
    {
        int n = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsFinite(values[i]))
            {
                values[n++] = values[i];
            }
        }

        if (n == 0)
        {
            return (double.NaN, double.NaN);
        }

        Span<double> finite = values[..n];
        finite.Sort();
        double alpha = (1 - confidence) / 2;
        return (At(finite, alpha), At(finite, 1 - alpha));
    }

    /// <summary><c>np.percentile(sorted, 100 * q)</c> for sorted values.</summary>
    public static double At(ReadOnlySpan<double> sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        double fraction = position - lower;
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * fraction);
    }
}
