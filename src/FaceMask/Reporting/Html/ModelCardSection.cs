using System.Text;
using static FaceMask.Reporting.Html.HtmlText;

namespace FaceMask.Reporting.Html;

/// <summary>The saved model's MODEL_CARD.md, rendered.</summary>
internal static class ModelCardSection
{
    public static HtmlSection? Build(ReportContext ctx)
    {
        if (ctx.Contents.ModelCard is not { } card)
        {
            return null;
        }

        var sb = new StringBuilder();
        sb.Append(Note($"From {RunRecorder.ModelFolder}/{ModelCardWriter.FileName}, next to the model it describes."));
        sb.Append("<div class=\"model-card\">").Append(MarkdownHtml.ToHtml(card, headingOffset: 2)).Append("</div>");
        return new HtmlSection("model-card", "Model card", sb.ToString());
    }
}
