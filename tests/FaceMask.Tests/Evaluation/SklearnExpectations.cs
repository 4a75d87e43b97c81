using FaceMask.Evaluation;
using Xunit;

namespace FaceMask.Tests.Evaluation;

/// <summary>Checks a report against the numbers and text scikit-learn produced for the same case.</summary>
internal static class SklearnExpectations
{
    private const double Tolerance = 1e-12;

    public static void AssertMatches(SklearnCase expected, ClassificationReport actual, string context)
    {
        Assert.Equal(expected.Labels, actual.Labels);
        Assert.Equal(expected.Labels.Length, actual.PerClass.Count);
        for (int c = 0; c < expected.Labels.Length; c++)
        {
            ClassMetrics m = actual.PerClass[c];
            string where = $"{context}, class {c} '{expected.Labels[c]}'";
            Assert.Equal(expected.Labels[c], m.Label);
            Close(expected.Precision[c], m.Precision, where + " precision");
            Close(expected.Recall[c], m.Recall, where + " recall");
            Close(expected.F1[c], m.F1, where + " f1");
            Assert.Equal(expected.Support[c], m.Support);
        }

        Close(expected.Macro[0], actual.Macro.Precision, context + " macro precision");
        Close(expected.Macro[1], actual.Macro.Recall, context + " macro recall");
        Close(expected.Macro[2], actual.Macro.F1, context + " macro f1");
        Close(expected.Weighted[0], actual.Weighted.Precision, context + " weighted precision");
        Close(expected.Weighted[1], actual.Weighted.Recall, context + " weighted recall");
        Close(expected.Weighted[2], actual.Weighted.F1, context + " weighted f1");
        Close(expected.Accuracy, actual.Accuracy, context + " accuracy");
        Assert.Equal(expected.Truth.Length, actual.Support);
        Assert.Equal(expected.Confusion, actual.Confusion.ToArray());
        Assert.Equal(expected.ReportDigits2, actual.ToText());
        Assert.Equal(expected.ReportDigits2, actual.ToText(2));
        Assert.Equal(expected.ReportDigits4, actual.ToText(4));
    }

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance, $"{what}: expected {expected:R} (sklearn), got {actual:R}");
}
