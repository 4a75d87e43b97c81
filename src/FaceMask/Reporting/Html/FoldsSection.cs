using System.Text;
using static FaceMask.Reporting.Html.HtmlText;

namespace FaceMask.Reporting.Html;

/// <summary>Per-fold table with mean and sd, and a box/strip plot of the fold scores.</summary>
internal static class FoldsSection
{
    public static HtmlSection? Build(ReportContext ctx)
    {
        if (ctx.Report?.Folds is not { Count: > 0 } folds)
        {
            return null;
        }

        var r = ctx.Report;
        var sb = new StringBuilder();
        TableStart(sb, ["fold", "train", "test", "accuracy", "macro P", "macro R", "macro F1", "weighted F1", "seconds"]);
        foreach (var f in folds)
        {
            Row(sb,
            [
                f.Fold.ToString(Inv), N(f.TrainCount), N(f.TestCount), Pct2(f.Accuracy), F4(f.Macro.Precision), F4(f.Macro.Recall),
                F4(f.Macro.F1), F4(f.Weighted.F1), f.Seconds.ToString("0.0", Inv),
            ]);
        }

        if (r.Mean is { } mean && r.Sd is { } sd)
        {
            Row(sb, ["mean", string.Empty, string.Empty, Pct2(mean.Accuracy), F4(mean.MacroPrecision), F4(mean.MacroRecall), F4(mean.MacroF1), F4(mean.WeightedF1), string.Empty], "total");
            Row(sb, ["sd", string.Empty, string.Empty, string.Create(Inv, $"{sd.Accuracy * 100:0.00}"), F4(sd.MacroPrecision), F4(sd.MacroRecall), F4(sd.MacroF1), F4(sd.WeightedF1), string.Empty]);
        }

        TableEnd(sb);
        sb.Append(Note("sd is the sample standard deviation over folds (accuracy sd in percentage points). In the plot, each dot is a fold; the box spans the quartiles, with the median as its middle line and whiskers to the extremes."));
        sb.Append(Png(ReportPlots.FoldSpread(folds), "Box and strip plot of accuracy, macro F1 and weighted F1 over folds", ReportPlots.PixelsPerCssPixel));
        return new HtmlSection("folds", "Folds", sb.ToString());
    }
}
