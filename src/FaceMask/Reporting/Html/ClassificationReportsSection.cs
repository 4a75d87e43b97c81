using System.Text;
using FaceMask.Evaluation;
using static FaceMask.Reporting.Html.HtmlText;

namespace FaceMask.Reporting.Html;

/// <summary>Train and test classification reports in sklearn's layout (per class, accuracy, macro and weighted averages).</summary>
internal static class ClassificationReportsSection
{
    public static HtmlSection? Build(ReportContext ctx)
    {
        if (ctx.Report is not { } r)
        {
            return null;
        }

        var sb = new StringBuilder();
        var boot = ctx.Bootstrap;
        sb.Append("<h3>").Append(E($"Test ({ctx.TestName})")).Append("</h3>");
        AppendReport(sb, r.Test, boot);
        if (boot is not null)
        {
            sb.Append(Note(string.Create(Inv, $"Brackets: {boot.Level * 100:0}% percentile bootstrap intervals ({boot.Resamples} resamples of the images; near-duplicate images make them too narrow).")));
        }

        if (r.Train is { } train)
        {
            sb.Append("<h3>").Append(E(ctx.KFold ? "Train (pooled over folds)" : "Train")).Append("</h3>");
            AppendReport(sb, train, null);
        }

        return new HtmlSection("reports", "Classification reports", sb.ToString());
    }

    private static void AppendReport(StringBuilder sb, MetricsSection s, BootstrapIntervals? boot)
    {
        TableStart(sb, ["class", "precision", "recall", "f1-score", "support"]);
        for (int c = 0; c < s.PerClass.Count; c++)
        {
            var m = s.PerClass[c];
            Row(sb,
            [
                m.Label,
                WithInterval(m.Precision, boot?.Precision[c]),
                WithInterval(m.Recall, boot?.Recall[c]),
                WithInterval(m.F1, boot?.F1[c]),
                N(m.Support),
            ]);
        }

        Row(sb, ["accuracy", string.Empty, string.Empty, WithInterval(s.Accuracy, boot?.Accuracy), N(s.Support)], "total");
        Row(sb, ["macro avg", F4(s.Macro.Precision), F4(s.Macro.Recall), WithInterval(s.Macro.F1, boot?.MacroF1), N(s.Support)]);
        Row(sb, ["weighted avg", F4(s.Weighted.Precision), F4(s.Weighted.Recall), WithInterval(s.Weighted.F1, boot?.WeightedF1), N(s.Support)]);
        TableEnd(sb);
    }

    private static string WithInterval(double value, MetricInterval? interval) =>
        interval is null ? F4(value) : $"{F4(value)} [{F3(interval.Low)}, {F3(interval.High)}]";
}
