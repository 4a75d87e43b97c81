using FaceMask.Bias;
using FaceMask.Evaluation;

namespace FaceMask.Runs;

/// <summary>
/// Options of the runs that evaluate by group (<c>bias</c>, and every run that trains): the group labels and the
/// bootstrap of the per-group intervals.
/// </summary>
public record GroupRunOptions : DataRunOptions
{
    /// <summary>Group labels: a CSV <c>path,&lt;attribute&gt;,…</c> or a folder <c>&lt;DIR&gt;/&lt;attribute&gt;/&lt;group&gt;/&lt;class&gt;/&lt;image&gt;</c>.</summary>
    public string? Attributes { get; init; }

    /// <summary>Only these attributes, comma-separated (default all).</summary>
    public string? AttributeColumns { get; init; }

    /// <summary>Bootstrap replicates for the bias intervals (0 = none).</summary>
    public int Bootstrap { get; init; } = BootstrapIntervals.DefaultResamples;

    /// <summary>Seed of the bootstrap.</summary>
    public int BootstrapSeed { get; init; }

    /// <summary>Groups with fewer images are flagged.</summary>
    public int MinGroupSize { get; init; } = FaceMask.Bias.BiasOptions.DefaultMinGroupSize;

    /// <summary>The bias analysis these options describe.</summary>
    internal BiasOptions BiasOptions() => new()
    {
        Bootstrap = Bootstrap,
        Seed = BootstrapSeed,
        MinGroupSize = MinGroupSize,
    };

    /// <summary>The group labels of <see cref="Attributes"/> (only <see cref="AttributeColumns"/> when given), or null without attributes.</summary>
    private protected GroupAttributes? LoadGivenAttributes() =>
        Attributes is null ? null : GroupAttributes.Load(Attributes, Columns(AttributeColumns));

    private static IReadOnlyList<string>? Columns(string? list) =>
        string.IsNullOrWhiteSpace(list) ? null : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
