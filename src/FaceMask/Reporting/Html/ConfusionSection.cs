using System.Text;
using static FaceMask.Reporting.Html.HtmlText;

namespace FaceMask.Reporting.Html;

/// <summary>Confusion matrices (counts and row-normalised) of the test and, when present, the training predictions.</summary>
internal static class ConfusionSection
{
    public static HtmlSection? Build(ReportContext ctx)
    {
        if (ctx.Report is not { } r || r.ConfusionMatrix.Length == 0)
        {
            return null;
        }

        var sb = new StringBuilder();
        sb.Append(Note("Rows are the true class, columns the predicted class. The row-normalised matrix shows each class's recall on the diagonal."));
        string test = ctx.KFold ? "out-of-fold" : r.Train is not null ? "test" : "evaluated";
        Append(sb, r.Labels, r.ConfusionMatrix, test);
        if (r.Train is { } train)
        {
            Append(sb, train.Labels, train.ConfusionMatrix, ctx.KFold ? "train, pooled over folds" : "train");
        }

        return new HtmlSection("confusion", "Confusion matrices", sb.ToString());
    }

    private static void Append(StringBuilder sb, IReadOnlyList<string> labels, int[][] counts, string name)
    {
        sb.Append("<h3>").Append(E(char.ToUpperInvariant(name[0]) + name[1..])).Append("</h3><div class=\"plots\">");
        sb.Append(Png(ConfusionPlotExporter.Render(labels, counts, $"Counts ({name})"), $"Confusion matrix heatmap with counts ({name})"));
        sb.Append(Png(ConfusionPlotExporter.Render(labels, counts, $"Row-normalised ({name})", normalize: true), $"Row-normalised confusion matrix heatmap ({name})"));
        sb.Append("</div><details><summary>As a table</summary>");
        TableStart(sb, new[] { "true \\ predicted" }.Concat(labels));
        for (int t = 0; t < labels.Count; t++)
        {
            double sum = counts[t].Sum();
            sb.Append("<tr><th scope=\"row\">").Append(E(labels[t])).Append("</th>");
            for (int p = 0; p < labels.Count; p++)
            {
                string share = sum > 0 ? $" <span class=\"muted\">({Pct(counts[t][p] / sum)})</span>" : string.Empty;
                sb.Append(t == p ? "<td class=\"cm diag\">" : "<td class=\"cm\">").Append(N(counts[t][p])).Append(share).Append("</td>");
            }

            sb.Append("</tr>");
        }

        TableEnd(sb);
        sb.Append("</details>");
    }
}
