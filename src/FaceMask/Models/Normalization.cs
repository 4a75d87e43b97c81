namespace FaceMask.Models;

/// <summary>Per-channel normalisation applied to pixels scaled to [0, 1]: <c>(x - mean) / std</c>.</summary>
/// <param name="Mean">Per-channel mean (R, G, B).</param>
/// <param name="Std">Per-channel standard deviation (R, G, B).</param>
public sealed record Normalization(float[] Mean, float[] Std)
{
    /// <summary>The original system's normalisation: mean 0.5 and sd 0.5 on every channel.</summary>
    public static Normalization Half { get; } = new([0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f]);

    /// <summary>No normalisation (mean 0, sd 1), recorded for backbone models whose backbone does its own.</summary>
    public static Normalization Identity { get; } = new([0f, 0f, 0f], [1f, 1f, 1f]);

    /// <summary>Throws when the vectors are not three positive-sd channels.</summary>
    public void Validate()
    {
        if (Mean.Length != 3 || Std.Length != 3 || Std.Any(s => !(s > 0)))
        {
            throw new FaceMaskException("normalisation needs three means and three positive standard deviations");
        }
    }

    /// <summary>Parses "a,b,c" (or one value for all channels).</summary>
    public static float[] ParseTriple(string text, string what)
    {
        float[] values = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(v => float.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out float f)
                ? f
                : throw new FaceMaskException($"{what}: '{v}' is not a number"))
            .ToArray();
        return values.Length switch
        {
            1 => [values[0], values[0], values[0]],
            3 => values,
            _ => throw new FaceMaskException($"{what}: expected one or three comma-separated numbers, got '{text}'"),
        };
    }
}
