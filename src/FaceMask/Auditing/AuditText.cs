using System.Globalization;
using FaceMask.Evaluation;

namespace FaceMask.Auditing;

/// <summary>Plain-text formatting of audit figures, shared by audit.md and the console.</summary>
public static class AuditText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>"91.86%": a 0–1 share as a percentage; "n/a" when undefined.</summary>
    public static string Percent(double v) => double.IsFinite(v) ? (v * 100).ToString("0.00", Inv) + "%" : "n/a";

    /// <summary>"93.10% [91.80, 94.40]": a 0–1 estimate as a percentage with its interval; "n/a" when undefined.</summary>
    public static string Percent(MetricInterval m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return double.IsFinite(m.Value) ? string.Create(Inv, $"{Percent(m.Value)} [{m.Low * 100:0.00}, {m.High * 100:0.00}]") : "n/a";
    }

    /// <summary>"0.904": a 0–1 metric; "n/a" when undefined.</summary>
    public static string Decimal(double v) => double.IsFinite(v) ? v.ToString("0.000", Inv) : "n/a";

    /// <summary>"0.921 [0.905, 0.936]": a 0–1 estimate with its interval; "n/a" when undefined.</summary>
    public static string Decimal(MetricInterval m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return double.IsFinite(m.Value) ? string.Create(Inv, $"{Decimal(m.Value)} [{m.Low:0.000}, {m.High:0.000}]") : "n/a";
    }

    /// <summary>How a stratum is named in tables.</summary>
    public static string Describe(AuditStratum stratum) =>
        stratum == AuditStratum.Agreement ? "model agrees with label" : "model disagrees with label";
}
