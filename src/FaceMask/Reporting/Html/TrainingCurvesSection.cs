using System.Text;
using static FaceMask.Reporting.Html.HtmlText;

namespace FaceMask.Reporting.Html;

/// <summary>Training curves: loss and accuracy per epoch, training and validation, one line per fold.</summary>
internal static class TrainingCurvesSection
{
    public static HtmlSection? Build(ReportContext ctx)
    {
        if (ctx.Report?.History is not { Count: > 0 } history)
        {
            return null;
        }

        var sb = new StringBuilder();
        bool validation = history.Any(e => e.ValidationLoss is not null);
        int folds = history.Select(e => e.Fold).Distinct().Count();
        string lines = folds > 1 ? $"one colour per fold ({folds} folds)" : "one run";
        string val = validation
            ? ctx.KFold ? "dashed lines are each fold's held-out images" : "dashed lines are the held-out images"
            : "no validation figures were recorded";
        sb.Append(Note($"Per epoch, {lines}: solid lines are the training batches (running mean over the epoch); {val}."));
        sb.Append("<div class=\"plots\">");
        sb.Append(Png(ReportPlots.Curves(history, loss: true), "Line chart of training and validation loss per epoch", ReportPlots.PixelsPerCssPixel));
        sb.Append(Png(ReportPlots.Curves(history, loss: false), "Line chart of training and validation accuracy per epoch", ReportPlots.PixelsPerCssPixel));
        sb.Append("</div>");
        var last = history.GroupBy(e => e.Fold ?? 0).Select(g => g.MaxBy(e => e.Epoch)!).ToArray();
        sb.Append("<details><summary>Every epoch as a table</summary>");
        TableStart(sb, ["fold", "epoch", "loss", "accuracy", "validation loss", "validation accuracy", "seconds"]);
        foreach (var e in history)
        {
            Row(sb,
            [
                e.Fold?.ToString(Inv) ?? "–", $"{e.Epoch}/{e.Epochs}", F4(e.Loss), Pct2(e.Accuracy),
                e.ValidationLoss is { } vl ? F4(vl) : "–", e.ValidationAccuracy is { } va ? Pct2(va) : "–", e.Seconds.ToString("0.0", Inv),
            ]);
        }

        TableEnd(sb);
        sb.Append("</details>");
        if (validation && last.All(e => e.ValidationAccuracy is not null))
        {
            double gap = last.Average(e => e.Accuracy - e.ValidationAccuracy!.Value);
            sb.Append(Note(string.Create(Inv, $"At the last epoch, training accuracy is on average {Math.Abs(gap) * 100:0.0} points {(gap >= 0 ? "above" : "below")} validation accuracy.")));
        }

        return new HtmlSection("training", "Training curves", sb.ToString());
    }
}
