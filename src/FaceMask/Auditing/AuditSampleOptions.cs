namespace FaceMask.Auditing;

/// <summary>How many images a label audit draws from each stratum, and with which seed.</summary>
public sealed record AuditSampleOptions
{
    /// <summary>Images drawn where the model agrees with the label (all of them if there are fewer).</summary>
    public int Agreements { get; init; } = 250;

    /// <summary>Images drawn where the model disagrees with the label (all of them if there are fewer).</summary>
    public int Disagreements { get; init; } = 150;

    /// <summary>Seed of the draw and of the order on the sheets.</summary>
    public int Seed { get; init; }

    /// <summary>Checks the counts.</summary>
    /// <exception cref="FaceMaskException">A count is negative, or both are zero.</exception>
    public void Validate()
    {
        if (Agreements < 0 || Disagreements < 0)
        {
            throw new FaceMaskException($"audit sample sizes must not be negative (agreements {Agreements}, disagreements {Disagreements})");
        }

        if (Agreements + Disagreements == 0)
        {
            throw new FaceMaskException("an audit needs at least one image to review: give --agreements or --disagreements above 0");
        }
    }
}
