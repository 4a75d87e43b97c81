using System.Text;
using static FaceMask.Reporting.Html.HtmlText;

namespace FaceMask.Reporting.Html;

/// <summary>
/// The error gallery: the most confidently wrong predictions with their image, true and predicted label and
/// probabilities. Confident mistakes are where label noise and shortcuts show.
/// </summary>
internal static class ErrorGallerySection
{
    public static HtmlSection? Build(ReportContext ctx)
    {
        if (ctx.Report is not { } r || ctx.Options.GalleryImages <= 0 || !ctx.Contents.Predictions.Any(p => p.Truth >= 0))
        {
            return null;
        }

        var wrong = ctx.Contents.Predictions
            .Where(p => p.Truth >= 0 && p.Truth != p.Predicted && p.Predicted < p.Probabilities.Length && p.Truth < p.Probabilities.Length)
            .OrderByDescending(p => p.Probabilities[p.Predicted])
            .ThenBy(p => p.Probabilities[p.Truth])
            .ThenBy(p => p.Path, StringComparer.Ordinal)
            .ToArray();
        var sb = new StringBuilder();
        if (wrong.Length == 0)
        {
            sb.Append("<p>No image was misclassified.</p>");
            return new HtmlSection("errors", "Error gallery", sb.ToString());
        }

        var shown = wrong.Take(ctx.Options.GalleryImages).ToArray();
        sb.Append(Note($"The {shown.Length} most confidently wrong of {wrong.Length:#,0} misclassified images ({ctx.TestName}), most confident first. "
            + "A confident mistake is often a wrong label, an image that does not show what its class says, or a shortcut the model learned."));
        if (!ctx.Thumbnails.RootAvailable)
        {
            sb.Append("<p class=\"warn\">").Append(E($"The images are not reachable at {r.Data?.Root ?? "(no data root recorded)"} on this machine, so only their paths are shown. Rebuild the page with `facemask report` where the data is.")).Append("</p>");
        }

        sb.Append("<div class=\"gallery\">");
        foreach (var p in shown)
        {
            string truth = r.Labels[p.Truth];
            string predicted = r.Labels[p.Predicted];
            sb.Append("<figure class=\"card\">");
            if (ctx.Thumbnails.DataUri(p.Path) is { } uri)
            {
                sb.Append("<img src=\"").Append(uri).Append("\" alt=\"").Append(E($"{p.Path}: labelled {truth}, predicted {predicted}")).Append("\">");
            }
            else
            {
                sb.Append("<div class=\"missing\">image not available</div>");
            }

            sb.Append("<figcaption>");
            sb.Append("true <span class=\"true\">").Append(E(truth)).Append("</span><br>");
            sb.Append("predicted <span class=\"pred\">").Append(E(predicted)).Append("</span> ").Append(E(Probability(p.Probabilities[p.Predicted]))).Append("<br>");
            sb.Append("<span class=\"muted\">p(").Append(E(truth)).Append(") ").Append(E(Probability(p.Probabilities[p.Truth])));
            if (p.Fold is { } fold)
            {
                sb.Append(", fold ").Append(fold.ToString(Inv));
            }

            sb.Append("</span><div class=\"path\">").Append(E(p.Path)).Append("</div></figcaption></figure>");
        }

        sb.Append("</div>");
        if (ctx.Thumbnails.RootAvailable && ctx.Thumbnails.Failures > 0)
        {
            sb.Append(Note($"{ctx.Thumbnails.Failures} image(s) could not be read; they are shown as placeholders."));
        }

        return new HtmlSection("errors", "Error gallery", sb.ToString());
    }

    // One decimal, without rounding a near-certain or near-impossible probability to 100% or 0%.
    private static string Probability(double p) => p switch
    {
        > 0.999 and < 1 => ">99.9%",
        < 0.001 and > 0 => "<0.1%",
        _ => Pct(p),
    };
}
