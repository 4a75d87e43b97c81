namespace FaceMask.Training;

/// <summary>How the learning rate changes over a training run.</summary>
public static class LearningRateSchedule
{
    /// <summary>The learning rate stays at its given value (the default).</summary>
    public const string Constant = "constant";

    /// <summary>
    /// The learning rate falls from its given value to zero along a half cosine, updated after every batch
    /// (Loshchilov and Hutter's SGDR without restarts, over the whole run).
    /// </summary>
    public const string Cosine = "cosine";

    /// <summary>Every known schedule name.</summary>
    public static IReadOnlyList<string> Names { get; } = [Constant, Cosine];

    /// <summary>The learning rate for step <paramref name="step"/> (0-based) of <paramref name="totalSteps"/>.</summary>
    public static double At(string schedule, double baseRate, int step, int totalSteps) => schedule switch
    {
        Constant => baseRate,
        Cosine => baseRate * 0.5 * (1 + Math.Cos(Math.PI * Math.Clamp(step, 0, totalSteps) / Math.Max(1, totalSteps))),
        _ => throw new FaceMaskException($"--lr-schedule {schedule}: unknown schedule; known: {string.Join(", ", Names)}"),
    };
}
