using System.ComponentModel;
using FaceMask.Bias;
using FaceMask.Runs;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Settings;

/// <summary>Options of the training commands for group labels: disaggregated evaluation and loss reweighting.</summary>
internal class BiasTrainingSettings : TrainingSettings
{
    [CommandOption("--balance-by <ATTRIBUTE>")]
    [Description("Reweight the loss so every <ATTRIBUTE> group × class cell carries equal weight (needs --attributes; unknown group: weight 1).")]
    public string? BalanceBy { get; init; }

    [CommandOption("--max-weight <X>")]
    [Description("Cap on a --balance-by weight, relative to the mean weight 1 (default 10).")]
    public double MaxWeight { get; init; } = GroupBalancing.DefaultMaxWeight;

    /// <summary><paramref name="options"/> with every training option given.</summary>
    protected T WithBalance<T>(T options)
        where T : TrainingRunOptions
    {
        TrainingRunOptions training = WithTraining(options);
        return (T)(training with { BalanceBy = BalanceBy, MaxWeight = MaxWeight });
    }
}
