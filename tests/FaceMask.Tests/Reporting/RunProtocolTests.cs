using FaceMask.Evaluation;
using FaceMask.Reporting;
using Xunit;

namespace FaceMask.Tests.Reporting;

/// <summary>The protocol phrase shown by compare and report.html, from a report's folds and settings.</summary>
public sealed class RunProtocolTests
{
    private static readonly AveragedMetrics Zero = new(0, 0, 0);

    private static readonly MetricsSection Section = new()
    {
        Labels = ["a", "b"],
        PerClass = [],
        Macro = Zero,
        Weighted = Zero,
        ConfusionMatrix = [[1, 0], [0, 1]],
    };

    [Fact]
    public void PlainGroupedAndLeaveOneGroupOutFoldsAreTold()
    {
        Assert.Equal("stratified 3-fold cross-validation", RunProtocol.Describe(Report(folds: 3)));
        Assert.Equal("stratified 3-fold cross-validation, grouped by info.csv:group",
            RunProtocol.Describe(Report(folds: 3, ("groups", "info.csv:group"))));
        Assert.Equal("5 folds, each holding out one group of info.csv:source",
            RunProtocol.Describe(Report(folds: 5, ("groups", "info.csv:source"), ("leave_one_group_out", "1=x;2=y"))));
    }

    [Fact]
    public void AStoppedRunSaysHowFarItGot()
    {
        Assert.Equal("stratified 10-fold cross-validation (stopped after 3 folds)",
            RunProtocol.Describe(Report(folds: 3, ("folds", "10")) with { Cancelled = true }));
    }

    [Fact]
    public void HoldOutAndEvaluationAreTold()
    {
        Assert.Equal("stratified hold-out split (test share 0.1)", RunProtocol.Describe(Report(folds: 0, ("test_split", "0.1")) with { Train = Section }));
        Assert.Equal("evaluate: a saved model on a labelled folder", RunProtocol.Describe(Report(folds: 0) with { Verb = "evaluate" }));
    }

    private static RunReport Report(int folds, params (string Key, string Value)[] settings) => new()
    {
        Verb = folds > 0 ? "kfold" : "train",
        Command = "facemask test",
        Labels = ["a", "b"],
        PerClass = [],
        Macro = Zero,
        Weighted = Zero,
        ConfusionMatrix = [[1, 0], [0, 1]],
        Test = Section,
        Folds = folds == 0 ? null : Enumerable.Range(1, folds).Select(i => new FoldSection { Fold = i, Test = Section, Macro = Zero, Weighted = Zero, PerClass = [] }).ToList(),
        Settings = settings.ToDictionary(s => s.Key, s => s.Value),
    };
}
