using System.Globalization;
using System.Text;

namespace FaceMask.Bias;

/// <summary>Plain-text formatting of bias figures, shared by bias.md, compare.md and the console.</summary>
public static class BiasText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>"85.12% [83.40, 86.80]": a 0–1 metric as a percentage with its interval.</summary>
    public static string Percent(BiasEstimate e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string v = (e.Value * 100).ToString("0.00", Inv) + "%";
        return e.Low is { } lo && e.High is { } hi ? string.Create(Inv, $"{v} [{lo * 100:0.00}, {hi * 100:0.00}]") : v;
    }

    /// <summary>"0.8512 [0.8340, 0.8680]": a 0–1 metric with its interval.</summary>
    public static string Decimal(BiasEstimate e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string v = e.Value.ToString("0.0000", Inv);
        return e.Low is { } lo && e.High is { } hi ? string.Create(Inv, $"{v} [{lo:0.0000}, {hi:0.0000}]") : v;
    }

    /// <summary>"+2.10 pp [-0.40, +4.60]": a difference of 0–1 metrics in percentage points.</summary>
    public static string Points(BiasDifference d)
    {
        ArgumentNullException.ThrowIfNull(d);
        string v = Signed(d.Value * 100) + " pp";
        return d.Low is { } lo && d.High is { } hi ? $"{v} [{Signed(lo * 100)}, {Signed(hi * 100)}]" : v;
    }

    /// <summary>"0.976 [0.951, 1.003]": a ratio with its interval; "n/a" when undefined.</summary>
    public static string Ratio(BiasRatio r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.Value is not { } value)
        {
            return "n/a";
        }

        string v = value.ToString("0.000", Inv);
        return r.Low is { } lo && r.High is { } hi ? string.Create(Inv, $"{v} [{lo:0.000}, {hi:0.000}]") : v;
    }

    /// <summary>Says in words whether a difference stands out from the resampling noise.</summary>
    public static string Verdict(BiasDifference d)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.Low is null || d.High is null)
        {
            return "no interval (bootstrap off)";
        }

        return d.IncludesZero
            ? "not distinguishable from noise: the interval includes 0"
            : "larger than the noise: the interval excludes 0";
    }

    /// <summary>The verdict on a gap: as <see cref="Verdict(BiasDifference)"/>, except that a gap resting on too few images gets none.</summary>
    public static string Verdict(BiasGap gap)
    {
        ArgumentNullException.ThrowIfNull(gap);
        return gap.Small
            ? string.Create(Inv, $"too few images to judge ({gap.HighGroup}: {gap.HighCount}, {gap.LowGroup}: {gap.LowCount})")
            : Verdict(gap.Difference);
    }

    /// <summary>A file-name-safe form of an attribute name ("gender × age" → "gender_x_age").</summary>
    public static string Slug(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder();
        foreach (char c in name.Replace(GroupAssignment.Cross, "_x_", StringComparison.Ordinal))
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? char.ToLowerInvariant(c) : '_');
        }

        return sb.Length == 0 ? "attribute" : sb.ToString();
    }

    private static string Signed(double v) => (v >= 0 ? "+" : "-") + Math.Abs(v).ToString("0.00", Inv);
}
