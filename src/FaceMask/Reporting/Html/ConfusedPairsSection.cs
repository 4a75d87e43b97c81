using System.Text;
using FaceMask.Evaluation;
using static FaceMask.Reporting.Html.HtmlText;

namespace FaceMask.Reporting.Html;

/// <summary>The most-confused class pairs of the test predictions.</summary>
internal static class ConfusedPairsSection
{
    public static HtmlSection? Build(ReportContext ctx)
    {
        if (ctx.Report is not { } r || r.ConfusionMatrix.Length == 0)
        {
            return null;
        }

        var matrix = ConfusionMatrix.FromCounts(r.ConfusionMatrix.Select(row => (IReadOnlyList<int>)row).ToArray(), r.Labels);
        var pairs = matrix.MostConfusedPairs(ctx.Options.ConfusedPairs).ToArray();
        var sb = new StringBuilder();
        if (pairs.Length == 0)
        {
            sb.Append("<p>No image was misclassified.</p>");
            return new HtmlSection("confused-pairs", "Most-confused class pairs", sb.ToString());
        }

        int errors = matrix.Total - matrix.Trace();
        sb.Append(Note($"{errors:#,0} of {matrix.Total:#,0} images are misclassified. The pairs below, largest first; \"reverse\" counts the opposite mistake."));
        TableStart(sb, ["true class", "predicted as", "images", "share of true class", "share of all errors", "reverse"]);
        foreach (var (t, p, count) in pairs)
        {
            int row = matrix.RowSum(t);
            Row(sb, [r.Labels[t], r.Labels[p], N(count), row == 0 ? "–" : Pct(count / (double)row), Pct(count / (double)Math.Max(1, errors)), N(matrix[p, t])]);
        }

        TableEnd(sb);
        return new HtmlSection("confused-pairs", "Most-confused class pairs", sb.ToString());
    }
}
