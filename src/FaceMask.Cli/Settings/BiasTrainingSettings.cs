using System.ComponentModel;
using System.Globalization;
using FaceMask.Bias;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Settings;

/// <summary>Options of the training commands for group labels: disaggregated evaluation and loss reweighting.</summary>
internal class BiasTrainingSettings : TrainingSettings
{
    [CommandOption("--attributes <CSV|DIR>")]
    [Description("Group labels: CSV 'path,<attribute>,…' (paths relative to --data; empty cell = unknown) or a folder <DIR>/<attribute>/<group>/<class>/<image>. Writes bias.json, bias.md and charts.")]
    public string? Attributes { get; init; }

    [CommandOption("--attribute-columns <A,B>")]
    [Description("Only these attributes of --attributes (default all).")]
    public string? AttributeColumns { get; init; }

    [CommandOption("--balance-by <ATTRIBUTE>")]
    [Description("Reweight the loss so every <ATTRIBUTE> group × class cell carries equal weight (needs --attributes; unknown group: weight 1).")]
    public string? BalanceBy { get; init; }

    [CommandOption("--max-weight <X>")]
    [Description("Cap on a --balance-by weight, relative to the mean weight 1 (default 10).")]
    public double MaxWeight { get; init; } = GroupBalancing.DefaultMaxWeight;

    [CommandOption("--bootstrap <N>")]
    [Description("Bootstrap replicates for the bias intervals (default 1000; 0 = none).")]
    public int Bootstrap { get; init; } = 1000;

    [CommandOption("--bootstrap-seed <N>")]
    [Description("Seed of the bootstrap (default 0).")]
    public int BootstrapSeed { get; init; }

    [CommandOption("--min-group-size <N>")]
    [Description("Warn about groups with fewer images (default 30).")]
    public int MinGroupSize { get; init; } = 30;

    public GroupAttributes? LoadAttributes()
    {
        if (BalanceBy is not null && Attributes is null)
        {
            throw new FaceMaskException("--balance-by needs --attributes CSV|DIR");
        }

        return Attributes is null ? null : GroupAttributes.Load(Attributes, Columns(AttributeColumns));
    }

    public BiasOptions BiasOptions() => new()
    {
        Bootstrap = Bootstrap,
        Seed = BootstrapSeed,
        MinGroupSize = MinGroupSize,
    };

    public void RecordBias(IDictionary<string, string> record)
    {
        record["attributes"] = Attributes ?? string.Empty;
        record["balance_by"] = BalanceBy ?? string.Empty;
        if (BalanceBy is not null)
        {
            record["max_weight"] = MaxWeight.ToString(CultureInfo.InvariantCulture);
        }
    }

    public static IReadOnlyList<string>? Columns(string? list) =>
        string.IsNullOrWhiteSpace(list) ? null : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
