using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace FaceMask.Bench;

/// <summary>Latencies of successful requests and counts of failed ones, gathered from many client tasks.</summary>
internal sealed class LoadRecorder
{
    private readonly ConcurrentBag<double> latenciesMs = [];
    private readonly ConcurrentDictionary<string, int> errors = new(StringComparer.Ordinal);

    public void Ok(double milliseconds) => latenciesMs.Add(milliseconds);

    public void Error(string kind) => errors.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public int Succeeded => latenciesMs.Count;

    public int Failed => errors.Values.Sum();

    /// <summary>Counts, requests/s over <paramref name="seconds"/>, and latency percentiles (nearest rank) in ms.</summary>
    public JsonObject Summary(double seconds)
    {
        double[] sorted = [.. latenciesMs.Order()];
        var errorCounts = new JsonObject();
        foreach (var (kind, count) in errors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            errorCounts[kind] = count;
        }

        return new JsonObject
        {
            ["requests"] = Succeeded + Failed,
            ["ok"] = Succeeded,
            ["errors"] = Failed,
            ["error_kinds"] = errorCounts,
            ["requests_per_s"] = Math.Round(Succeeded / seconds, 2),
            ["latency_ms"] = new JsonObject
            {
                ["p50"] = Percentile(sorted, 0.50),
                ["p90"] = Percentile(sorted, 0.90),
                ["p99"] = Percentile(sorted, 0.99),
                ["max"] = sorted.Length == 0 ? null : Math.Round(sorted[^1], 1),
                ["min"] = sorted.Length == 0 ? null : Math.Round(sorted[0], 1),
            },
        };
    }

    private static double? Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? null : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)], 1);
}
