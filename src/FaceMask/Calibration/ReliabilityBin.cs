using System.Text.Json.Serialization;

namespace FaceMask.Calibration;

/// <summary>
/// One bin of a reliability diagram: the predictions whose top probability lies in [<see cref="Lower"/>,
/// <see cref="Upper"/>) (the last bin includes 1), how sure they were on average and how often they were right.
/// </summary>
public sealed record ReliabilityBin
{
    /// <summary>Lower edge of the bin (inclusive).</summary>
    public required double Lower { get; init; }

    /// <summary>Upper edge of the bin (exclusive, except 1 for the last bin).</summary>
    public required double Upper { get; init; }

    /// <summary>Predictions in the bin.</summary>
    public required int Count { get; init; }

    /// <summary>Mean top probability of the bin's predictions; null for an empty bin.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? Confidence { get; init; }

    /// <summary>Share of the bin's predictions that were right; null for an empty bin.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? Accuracy { get; init; }
}
