using FaceMask.Evaluation;

namespace FaceMask.Bias;

/// <summary>Settings of <see cref="BiasAnalyzer"/>.</summary>
public sealed record BiasOptions
{
    /// <summary>The default <see cref="MinGroupSize"/>.</summary>
    public const int DefaultMinGroupSize = 30;

    /// <summary>Bootstrap replicates (0 for no intervals).</summary>
    public int Bootstrap { get; init; } = BootstrapIntervals.DefaultResamples;

    /// <summary>Seed of the resampling.</summary>
    public int Seed { get; init; }

    /// <summary>Interval coverage.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Groups with fewer images are flagged.</summary>
    public int MinGroupSize { get; init; } = DefaultMinGroupSize;

    /// <summary>Also analyse every pair of attributes crossed (e.g. gender × age).</summary>
    public bool Intersections { get; init; } = true;

    /// <summary>Throws a <see cref="FaceMaskException"/> for settings that cannot work.</summary>
    public void Validate()
    {
        if (Bootstrap < 0)
        {
            throw new FaceMaskException($"--bootstrap must be 0 or more (got {Bootstrap})");
        }

        if (!(Confidence is > 0 and < 1))
        {
            throw new FaceMaskException($"the confidence level must be between 0 and 1 (got {Confidence})");
        }

        if (MinGroupSize < 0)
        {
            throw new FaceMaskException($"the minimum group size must be 0 or more (got {MinGroupSize})");
        }
    }
}
