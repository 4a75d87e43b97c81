using System.Text;
using FaceMask.Calibration;
using static FaceMask.Reporting.Html.HtmlText;

namespace FaceMask.Reporting.Html;

/// <summary>
/// Calibration of the test probabilities: ECE, NLL and Brier score before and after temperature scaling, the unsure
/// threshold for the target accuracy, a reliability diagram and the risk–coverage curve.
/// </summary>
internal static class CalibrationSection
{
    public static HtmlSection? Build(ReportContext ctx)
    {
        if (ctx.Calibration is not { } c)
        {
            return null;
        }

        var sb = new StringBuilder();
        sb.Append(Note(
            "The reliability diagram groups the images by how sure the model was (its top probability) and plots how often it was right against how sure it was: "
            + "a calibrated model lies on the diagonal, points below it are over-confident. The risk–coverage curve shows the accuracy on the images answered "
            + "when only the most confident share of them is answered and the rest are called unsure."));
        sb.Append("<div class=\"figures\">");
        Figure(sb, c.Temperature.ToString("0.000", Inv), $"temperature T, fitted on the {c.N:#,0} {(ctx.KFold ? "out-of-fold" : "test")} predictions");
        Figure(sb, $"{F3(c.Ece)} → {F3(c.EceCalibrated)}", "expected calibration error, before → after");
        if (c.UnsureBelow is { } t && c.Coverage is { } coverage && c.AnsweredAccuracy is { } answered)
        {
            Figure(sb, t.ToString("0.000", Inv), $"unsure below (target {Pct(c.TargetAccuracy)} accuracy)");
            Figure(sb, Pct(coverage), $"answered at that threshold, {Pct(answered)} of them right");
        }
        else
        {
            Figure(sb, "none", $"unsure threshold: {Pct(c.TargetAccuracy)} accuracy is out of reach");
        }

        sb.Append("</div>");
        TableStart(sb, ["", "before", "after temperature scaling"]);
        Row(sb, ["ECE (15 bins)", F4(c.Ece), F4(c.EceCalibrated)]);
        Row(sb, ["negative log-likelihood", F4(c.Nll), F4(c.NllCalibrated)]);
        Row(sb, ["Brier score", F4(c.Brier), F4(c.BrierCalibrated)]);
        TableEnd(sb);
        string threshold = CalibrationText.Threshold(c);
        sb.Append(Note($"T = {c.Temperature.ToString("0.000", Inv)}; {CalibrationText.Honesty(c)}. {char.ToUpperInvariant(threshold[0])}{threshold[1..]}."));
        sb.Append("<div class=\"plots\">");
        sb.Append(Png(ReportPlots.Reliability(c.Bins, c.BinsCalibrated), "Reliability diagram: accuracy against mean top probability per bin, before and after temperature scaling", ReportPlots.PixelsPerCssPixel));
        sb.Append(Png(ReportPlots.RiskCoverage(c), "Risk–coverage curve: accuracy of the answered images against the share answered", ReportPlots.PixelsPerCssPixel));
        sb.Append("</div>");
        sb.Append("<details><summary>The bins as a table</summary>");
        TableStart(sb, ["top probability", "images", "mean confidence", "accuracy", "images (after)", "mean confidence (after)", "accuracy (after)"]);
        for (int b = 0; b < c.Bins.Count; b++)
        {
            var before = c.Bins[b];
            var after = b < c.BinsCalibrated.Count ? c.BinsCalibrated[b] : null;
            if (before.Count == 0 && (after is null || after.Count == 0))
            {
                continue;
            }

            Row(sb,
            [
                $"{F3(before.Lower)}–{F3(before.Upper)}", N(before.Count), Maybe(before.Confidence), Maybe(before.Accuracy),
                N(after?.Count ?? 0), Maybe(after?.Confidence), Maybe(after?.Accuracy),
            ]);
        }

        TableEnd(sb);
        sb.Append("</details>");
        return new HtmlSection("calibration", "Calibration", sb.ToString());
    }

    private static string Maybe(double? x) => x is { } v ? F3(v) : "–";

    private static void Figure(StringBuilder sb, string value, string label) =>
        sb.Append("<div class=\"figure\"><div class=\"value\">").Append(E(value)).Append("</div><div class=\"label\">").Append(E(label)).Append("</div></div>");
}
