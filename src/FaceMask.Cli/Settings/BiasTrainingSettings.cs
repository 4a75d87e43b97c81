using System.ComponentModel;
using System.Globalization;
using FaceMask.Bias;
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

    public GroupAttributes? LoadAttributes()
    {
        if (BalanceBy is not null && Attributes is null)
        {
            throw new FaceMaskException("--balance-by needs --attributes CSV|DIR");
        }

        return Attributes is null ? null : GroupAttributes.Load(Attributes, Columns(AttributeColumns));
    }

    public void RecordBias(IDictionary<string, string> record)
    {
        record["attributes"] = Attributes ?? string.Empty;
        record["balance_by"] = BalanceBy ?? string.Empty;
        if (BalanceBy is not null)
        {
            record["max_weight"] = MaxWeight.ToString(CultureInfo.InvariantCulture);
        }
    }
}
