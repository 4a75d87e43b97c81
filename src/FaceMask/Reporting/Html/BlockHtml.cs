using System.Text;

namespace FaceMask.Reporting.Html;

/// <summary>Renders <see cref="ReportBlock"/>s (laid out from loosely-typed JSON) as escaped HTML.</summary>
internal static class BlockHtml
{
    /// <summary>Appends the blocks; a heading of level 1 becomes <c>h</c><paramref name="baseLevel"/>.</summary>
    public static void Append(StringBuilder sb, IEnumerable<ReportBlock> blocks, int baseLevel)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    int level = Math.Min(6, baseLevel + h.Level - 1);
                    sb.Append(HtmlText.Inv, $"<h{level}>").Append(HtmlText.E(h.Text)).Append(HtmlText.Inv, $"</h{level}>");
                    break;
                case TableBlock t:
                    AppendTable(sb, t);
                    break;
                case PairsBlock p:
                    sb.Append("<dl class=\"facts\">");
                    foreach (var (key, value) in p.Pairs)
                    {
                        sb.Append("<dt>").Append(HtmlText.E(key)).Append("</dt><dd>").Append(HtmlText.E(value)).Append("</dd>");
                    }

                    sb.Append("</dl>");
                    break;
                case TextBlock x:
                    sb.Append("<p>").Append(HtmlText.E(x.Text)).Append("</p>");
                    break;
            }
        }
    }

    /// <summary>Appends a table; cells that read as numbers are right-aligned, others left-aligned.</summary>
    public static void AppendTable(StringBuilder sb, TableBlock table)
    {
        sb.Append("<div class=\"table-wrap\"><table><thead><tr>");
        foreach (string c in table.Columns)
        {
            sb.Append("<th scope=\"col\" class=\"text\">").Append(HtmlText.E(c)).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            sb.Append("<tr>");
            foreach (string cell in row)
            {
                bool numeric = cell.Length > 0 && (char.IsDigit(cell[0]) || (cell[0] is '-' or '+' or '.' && cell.Length > 1 && char.IsDigit(cell[1])));
                sb.Append(numeric ? "<td>" : "<td class=\"text\">").Append(HtmlText.E(cell)).Append("</td>");
            }

            sb.Append("</tr>");
        }

        sb.Append("</tbody></table></div>");
    }
}
