namespace FaceMask.Evaluation;

/// <summary>The mean and sample standard deviation, over cross-validation folds, of the headline metrics.</summary>
public sealed class FoldSummary
{
    private FoldSummary(IReadOnlyList<FoldMetrics> folds)
    {
        Folds = folds;
        Accuracy = Over(f => f.Accuracy);
        MacroPrecision = Over(f => f.Macro.Precision);
        MacroRecall = Over(f => f.Macro.Recall);
        MacroF1 = Over(f => f.Macro.F1);
        WeightedPrecision = Over(f => f.Weighted.Precision);
        WeightedRecall = Over(f => f.Weighted.Recall);
        WeightedF1 = Over(f => f.Weighted.F1);
    }

    /// <summary>The folds summarised, in the order given.</summary>
    public IReadOnlyList<FoldMetrics> Folds { get; }

    /// <summary>Accuracy over folds.</summary>
    public MeanSd Accuracy { get; }

    /// <summary>Macro-averaged precision over folds.</summary>
    public MeanSd MacroPrecision { get; }

    /// <summary>Macro-averaged recall over folds.</summary>
    public MeanSd MacroRecall { get; }

    /// <summary>Macro-averaged F1 over folds.</summary>
    public MeanSd MacroF1 { get; }

    /// <summary>Support-weighted precision over folds.</summary>
    public MeanSd WeightedPrecision { get; }

    /// <summary>Support-weighted recall over folds.</summary>
    public MeanSd WeightedRecall { get; }

    /// <summary>Support-weighted F1 over folds.</summary>
    public MeanSd WeightedF1 { get; }

    /// <summary>Summarises the folds.</summary>
    /// <exception cref="ArgumentException">No folds are given.</exception>
    public static FoldSummary From(IReadOnlyList<FoldMetrics> folds)
    {
        ArgumentNullException.ThrowIfNull(folds);
        if (folds.Count == 0)
        {
            throw new ArgumentException("At least one fold is needed.", nameof(folds));
        }

        return new FoldSummary(folds.ToArray());
    }

    private MeanSd Over(Func<FoldMetrics, double> metric) => MeanSd.Of(Folds.Select(metric).ToArray());
}
