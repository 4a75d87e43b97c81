namespace FaceMask.Reporting;

/// <summary>One statistic (mean or sd) of every headline metric over folds.</summary>
public sealed record SummaryStatistics
{
    /// <summary>Accuracy.</summary>
    public double Accuracy { get; init; }

    /// <summary>Macro precision.</summary>
    public double MacroPrecision { get; init; }

    /// <summary>Macro recall.</summary>
    public double MacroRecall { get; init; }

    /// <summary>Macro F1.</summary>
    public double MacroF1 { get; init; }

    /// <summary>Weighted precision.</summary>
    public double WeightedPrecision { get; init; }

    /// <summary>Weighted recall.</summary>
    public double WeightedRecall { get; init; }

    /// <summary>Weighted F1.</summary>
    public double WeightedF1 { get; init; }
}
