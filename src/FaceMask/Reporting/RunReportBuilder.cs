using FaceMask.Calibration;
using FaceMask.Protocols;

namespace FaceMask.Reporting;

/// <summary>Turns an experiment's results into a <see cref="RunReport"/>.</summary>
internal static class RunReportBuilder
{
    /// <summary>Builds the report.</summary>
    public static RunReport Build(ExperimentResult result, RunContext context, Models.ModelManifest? manifest)
    {
        var test = MetricsSection.From(result.Test);
        var data = context.Data;
        return new RunReport
        {
            Verb = context.Verb,
            Command = context.Command,
            StartedUtc = context.StartedUtc,
            WallSeconds = context.WallSeconds,
            Cancelled = result.Cancelled,
            Labels = result.Labels,
            Accuracy = test.Accuracy,
            PerClass = test.PerClass,
            Macro = test.Macro,
            Weighted = test.Weighted,
            ConfusionMatrix = test.ConfusionMatrix,
            Test = test,
            Train = result.Train is null ? null : MetricsSection.From(result.Train),
            Folds = result.Folds.Count == 0 ? null : result.Folds.Select(f => new FoldSection
            {
                Fold = f.Fold,
                TrainCount = f.TrainCount,
                TestCount = f.Test.Support,
                Seconds = f.Seconds,
                Accuracy = f.Test.Accuracy,
                Test = MetricsSection.From(f.Test),
                Macro = f.Test.Macro,
                Weighted = f.Test.Weighted,
                PerClass = f.Test.PerClass,
            }).ToList(),
            Mean = result.Summary is { } s ? Stat(s, m => m.Mean) : null,
            Sd = result.Summary is { } s2 ? Stat(s2, m => m.Sd) : null,
            Calibration = CalibrationAnalyzer.TryAnalyze(result.Predictions),
            History = result.History,
            Data = data is null ? null : new DataSection
            {
                Root = data.Root,
                Fingerprint = data.Fingerprint,
                Counts = data.Classes.Select((c, i) => (c, n: data.Labels.Count(l => l == i))).ToDictionary(x => x.c, x => x.n),
                Skipped = data.Skipped,
                Size = data.Size,
                Resize = ResizeModeNames.ToName(data.Resize),
                Preparation = data.Preparation is not { } p ? null : new PreparationSection
                {
                    Step = p.Step,
                    Prepared = p.Prepared,
                    Whole = p.Whole,
                    WholePerClass = data.Classes.Select((c, i) => (c, n: p.WholePerClass[i])).ToDictionary(x => x.c, x => x.n),
                },
            },
            Model = manifest,
            Settings = context.Settings,
        };
    }

    private static SummaryStatistics Stat(Evaluation.FoldSummary s, Func<Evaluation.MeanSd, double> pick) => new()
    {
        Accuracy = pick(s.Accuracy),
        MacroPrecision = pick(s.MacroPrecision),
        MacroRecall = pick(s.MacroRecall),
        MacroF1 = pick(s.MacroF1),
        WeightedPrecision = pick(s.WeightedPrecision),
        WeightedRecall = pick(s.WeightedRecall),
        WeightedF1 = pick(s.WeightedF1),
    };
}
