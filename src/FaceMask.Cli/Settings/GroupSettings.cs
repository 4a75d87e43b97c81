using System.ComponentModel;
using FaceMask.Bias;
using FaceMask.Evaluation;
using FaceMask.Runs;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Settings;

/// <summary>
/// Options of the commands that evaluate by group (<c>bias</c>, and through <see cref="TrainingSettings"/> every
/// command that trains): the group labels and the bootstrap of the per-group intervals.
/// </summary>
internal class GroupSettings : DataSettings
{
    [CommandOption("--attributes <CSV|DIR>")]
    [Description("Group labels: CSV 'path,<attribute>,…' (paths relative to the dataset root; empty cell = unknown) or a folder <DIR>/<attribute>/<group>/<class>/<image>. Writes bias.json, bias.md and charts.")]
    public string? Attributes { get; init; }

    [CommandOption("--attribute-columns <A,B>")]
    [Description("Only these attributes of --attributes (default all).")]
    public string? AttributeColumns { get; init; }

    [CommandOption("--bootstrap <N>")]
    [Description("Bootstrap replicates for the bias intervals (default 1000; 0 = none).")]
    public int Bootstrap { get; init; } = BootstrapIntervals.DefaultResamples;

    [CommandOption("--bootstrap-seed <N>")]
    [Description("Seed of the bootstrap (default 0).")]
    public int BootstrapSeed { get; init; }

    [CommandOption("--min-group-size <N>")]
    [Description("Warn about groups with fewer images (default 30).")]
    public int MinGroupSize { get; init; } = BiasOptions.DefaultMinGroupSize;

    /// <summary><paramref name="options"/> with this group's values and the data options'.</summary>
    protected T WithGroups<T>(T options)
        where T : GroupRunOptions
    {
        GroupRunOptions groups = WithData(options);
        return (T)(groups with
        {
            Attributes = Attributes,
            AttributeColumns = AttributeColumns,
            Bootstrap = Bootstrap,
            BootstrapSeed = BootstrapSeed,
            MinGroupSize = MinGroupSize,
        });
    }
}
