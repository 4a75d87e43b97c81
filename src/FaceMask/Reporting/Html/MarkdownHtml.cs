using System.Globalization;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace FaceMask.Reporting.Html;

/// <summary>
/// Markdown to HTML for the model card, through Markdig (CommonMark with pipe tables). Raw HTML in the input is
/// disabled (shown escaped), a paragraph that is only an HTML comment is dropped and links and images keep only their
/// text, so the output never refers to anything outside the page. Tables are laid out like the report's own: wrapped
/// to scroll on phones, column headers marked, and a column without an explicit alignment is left-aligned unless every
/// cell starts with a digit.
/// </summary>
internal static class MarkdownHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    /// <summary>Converts <paramref name="markdown"/>; a level-1 heading becomes <c>h</c>(1 + <paramref name="headingOffset"/>).</summary>
    public static string ToHtml(string markdown, int headingOffset)
    {
        MarkdownDocument document = Markdown.Parse(markdown, Pipeline);
        foreach (ParagraphBlock paragraph in document.Descendants<ParagraphBlock>().Where(p => IsComment(markdown, p)).ToList())
        {
            paragraph.Parent!.Remove(paragraph);
        }

        foreach (Markdig.Syntax.HeadingBlock heading in document.Descendants<Markdig.Syntax.HeadingBlock>())
        {
            heading.Level = Math.Min(6, heading.Level + headingOffset);
        }

        foreach (LinkInline link in document.Descendants<LinkInline>().ToList())
        {
            while (link.FirstChild is { } child)
            {
                child.Remove();
                link.InsertBefore(child);
            }

            link.Remove();
        }

        foreach (AutolinkInline link in document.Descendants<AutolinkInline>().ToList())
        {
            link.ReplaceBy(new LiteralInline(link.Url));
        }

        // A soft line break joins the lines of a paragraph with a space, as the text reads.
        foreach (LineBreakInline lineBreak in document.Descendants<LineBreakInline>().Where(b => !b.IsHard).ToList())
        {
            lineBreak.ReplaceBy(new LiteralInline(" "));
        }

        foreach (Table table in document.Descendants<Table>())
        {
            LayOut(table);
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();

        // Raw HTML is disabled, so these tags can only come from the table renderer.
        return writer.ToString()
            .Replace("<table>", "<div class=\"table-wrap\"><table>", StringComparison.Ordinal)
            .Replace("</table>", "</table></div>", StringComparison.Ordinal);
    }

    private static bool IsComment(string markdown, ParagraphBlock paragraph)
    {
        string text = markdown.Substring(paragraph.Span.Start, paragraph.Span.Length).Trim();
        return text.StartsWith("<!--", StringComparison.Ordinal) && text.EndsWith("-->", StringComparison.Ordinal);
    }

    private static void LayOut(Table table)
    {
        var rows = table.OfType<TableRow>().ToList();
        foreach (TableCell cell in rows.Where(r => r.IsHeader).SelectMany(r => r.OfType<TableCell>()))
        {
            cell.GetAttributes().AddProperty("scope", "col");
        }

        for (int c = 0; c < table.ColumnDefinitions.Count; c++)
        {
            if (table.ColumnDefinitions[c].Alignment is not null)
            {
                continue;
            }

            int column = c;
            var cells = rows.SelectMany(r => r.OfType<TableCell>().Where((cell, i) => Column(cell, i) == column).Select(cell => (r.IsHeader, Cell: cell))).ToList();
            var starts = cells.Where(x => !x.IsHeader).Select(x => FirstText(x.Cell)).Where(t => t.Length > 0).ToList();
            if (starts.Count == 0 || !starts.All(t => char.IsDigit(t[0])))
            {
                cells.ForEach(x => x.Cell.GetAttributes().AddClass("text"));
            }
        }
    }

    // The pipe-table parser may leave a cell's column index unset; then it is the cell's position, as Markdig renders it.
    private static int Column(TableCell cell, int position) => cell.ColumnIndex >= 0 ? cell.ColumnIndex : position;

    private static string FirstText(TableCell cell) =>
        cell.Descendants<LiteralInline>().Select(l => l.Content.ToString().TrimStart()).FirstOrDefault(t => t.Length > 0) ?? string.Empty;
}
