using System.Globalization;
using System.Net;
using System.Text;

namespace FaceMask.Reporting.Html;

/// <summary>Escaping and small HTML fragments shared by the report's sections. Every string from data goes through <see cref="E"/>.</summary>
internal static class HtmlText
{
    /// <summary>Invariant culture, for every number in the page.</summary>
    public static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>HTML-escapes text for element content and double-quoted attributes.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>A percentage with one decimal.</summary>
    public static string Pct(double x) => string.Create(Inv, $"{x * 100:0.0}%");

    /// <summary>A percentage with two decimals.</summary>
    public static string Pct2(double x) => string.Create(Inv, $"{x * 100:0.00}%");

    /// <summary>Three decimals.</summary>
    public static string F3(double x) => x.ToString("0.000", Inv);

    /// <summary>Four decimals.</summary>
    public static string F4(double x) => x.ToString("0.0000", Inv);

    /// <summary>A whole number with thousands separators.</summary>
    public static string N(int x) => x.ToString("#,0", Inv);

    /// <summary>A duration such as "42.1 s", "3 min 05 s" or "1 h 02 min".</summary>
    public static string Duration(double seconds)
    {
        if (seconds < 120)
        {
            return string.Create(Inv, $"{seconds:0.0} s");
        }

        var t = TimeSpan.FromSeconds(seconds);
        return t.TotalHours >= 1
            ? string.Create(Inv, $"{(int)t.TotalHours} h {t.Minutes:00} min")
            : string.Create(Inv, $"{(int)t.TotalMinutes} min {t.Seconds:00} s");
    }

    /// <summary>
    /// An <c>img</c> element showing PNG bytes as a data URI, sized to the image's pixels divided by
    /// <paramref name="pixelsPerCssPixel"/> (2 for the sharp, double-resolution plots), and never wider than its container.
    /// </summary>
    public static string Png(byte[] png, string alt, int pixelsPerCssPixel = 1)
    {
        string size = string.Empty;
        if (png.Length > 24 && png[12] == 'I' && png[13] == 'H' && png[14] == 'D' && png[15] == 'R')
        {
            int width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
            int height = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
            size = string.Create(Inv, $" width=\"{width / pixelsPerCssPixel}\" height=\"{height / pixelsPerCssPixel}\"");
        }

        return $"<img class=\"plot\"{size} src=\"data:image/png;base64,{Convert.ToBase64String(png)}\" alt=\"{E(alt)}\">";
    }

    /// <summary>Opens a horizontally scrolling table wrapper and the table, with escaped column headings.</summary>
    public static void TableStart(StringBuilder sb, IEnumerable<string> columns, string? caption = null, string cssClass = "")
    {
        sb.Append("<div class=\"table-wrap\"><table").Append(cssClass.Length > 0 ? $" class=\"{cssClass}\"" : string.Empty).Append('>');
        if (caption is not null)
        {
            sb.Append("<caption>").Append(E(caption)).Append("</caption>");
        }

        sb.Append("<thead><tr>");
        foreach (string c in columns)
        {
            sb.Append("<th scope=\"col\">").Append(E(c)).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>");
    }

    /// <summary>Closes what <see cref="TableStart"/> opened.</summary>
    public static void TableEnd(StringBuilder sb) => sb.Append("</tbody></table></div>");

    /// <summary>A row of already-escaped cells; the first is a row heading.</summary>
    public static void RowHtml(StringBuilder sb, IEnumerable<string> cellsHtml, string? cssClass = null)
    {
        sb.Append(cssClass is null ? "<tr>" : $"<tr class=\"{cssClass}\">");
        bool first = true;
        foreach (string cell in cellsHtml)
        {
            sb.Append(first ? "<th scope=\"row\">" : "<td>").Append(cell).Append(first ? "</th>" : "</td>");
            first = false;
        }

        sb.Append("</tr>");
    }

    /// <summary>A row of plain-text cells (escaped here).</summary>
    public static void Row(StringBuilder sb, IEnumerable<string> cells, string? cssClass = null) => RowHtml(sb, cells.Select(E), cssClass);

    /// <summary>A paragraph of muted text.</summary>
    public static string Note(string text) => $"<p class=\"note\">{E(text)}</p>";
}
