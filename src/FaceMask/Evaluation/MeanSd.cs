namespace FaceMask.Evaluation;

/// <summary>A mean and its sample standard deviation.</summary>
/// <param name="Mean">The arithmetic mean.</param>
/// <param name="Sd">The sample standard deviation (divisor n - 1, numpy's <c>ddof=1</c>); 0 for a single value.</param>
public sealed record MeanSd(double Mean, double Sd)
{
    /// <summary>The mean and sample standard deviation of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">No values are given.</exception>
    public static MeanSd Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("At least one value is needed.", nameof(values));
        }

        double mean = values.Sum() / values.Count;
        if (values.Count == 1)
        {
            return new MeanSd(mean, 0.0);
        }

        double squares = values.Sum(v => (v - mean) * (v - mean));
        return new MeanSd(mean, Math.Sqrt(squares / (values.Count - 1)));
    }
}
