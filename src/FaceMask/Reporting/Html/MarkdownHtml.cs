using System.Text;
using System.Text.RegularExpressions;

namespace FaceMask.Reporting.Html;

/// <summary>
/// A small Markdown-to-HTML converter for the model card: ATX headings, paragraphs, nested bullet and numbered
/// lists, pipe tables, block quotes, fenced code, <c>`code`</c>, <c>**bold**</c> and <c>*emphasis*</c>. Raw HTML is
/// escaped, HTML comments are dropped and links keep only their text, so the output never refers to anything outside the page.
/// </summary>
internal static partial class MarkdownHtml
{
    /// <summary>Converts <paramref name="markdown"/>; a level-1 heading becomes <c>h</c>(1 + <paramref name="headingOffset"/>).</summary>
    public static string ToHtml(string markdown, int headingOffset)
    {
        string[] lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var sb = new StringBuilder();
        Blocks(sb, lines, headingOffset);
        return sb.ToString();
    }

    private static void Blocks(StringBuilder sb, string[] lines, int offset)
    {
        int i = 0;
        while (i < lines.Length)
        {
            string line = lines[i];
            string trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                i++;
            }
            else if (trimmed.StartsWith("<!--", StringComparison.Ordinal))
            {
                while (i < lines.Length && !lines[i].Contains("-->", StringComparison.Ordinal))
                {
                    i++;
                }

                i++;
            }
            else if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                var code = new List<string>();
                i++;
                while (i < lines.Length && !lines[i].Trim().StartsWith("```", StringComparison.Ordinal))
                {
                    code.Add(lines[i++]);
                }

                i++;
                sb.Append("<pre><code>").Append(HtmlText.E(string.Join('\n', code))).Append("</code></pre>\n");
            }
            else if (Heading().Match(line) is { Success: true } h)
            {
                int level = Math.Min(6, h.Groups[1].Value.Length + offset);
                sb.Append(HtmlText.Inv, $"<h{level}>").Append(Inline(h.Groups[2].Value)).Append(HtmlText.Inv, $"</h{level}>\n");
                i++;
            }
            else if (trimmed.StartsWith('>'))
            {
                var quoted = new List<string>();
                while (i < lines.Length && lines[i].TrimStart().StartsWith('>'))
                {
                    string q = lines[i].TrimStart()[1..];
                    quoted.Add(q.StartsWith(' ') ? q[1..] : q);
                    i++;
                }

                sb.Append("<blockquote>\n");
                Blocks(sb, quoted.ToArray(), offset);
                sb.Append("</blockquote>\n");
            }
            else if (trimmed.StartsWith('|') && i + 1 < lines.Length && TableRule().IsMatch(lines[i + 1]))
            {
                i = Table(sb, lines, i);
            }
            else if (ListItem().IsMatch(line))
            {
                i = List(sb, lines, i);
            }
            else
            {
                var para = new List<string>();
                while (i < lines.Length && lines[i].Trim().Length > 0 && !StartsBlock(lines, i))
                {
                    para.Add(lines[i].Trim());
                    i++;
                }

                sb.Append("<p>").Append(Inline(string.Join(' ', para))).Append("</p>\n");
            }
        }
    }

    private static bool StartsBlock(string[] lines, int i)
    {
        string t = lines[i].Trim();
        return Heading().IsMatch(lines[i]) || t.StartsWith("```", StringComparison.Ordinal) || t.StartsWith('>') || ListItem().IsMatch(lines[i])
            || t.StartsWith("<!--", StringComparison.Ordinal) || (t.StartsWith('|') && i + 1 < lines.Length && TableRule().IsMatch(lines[i + 1]));
    }

    private static int Table(StringBuilder sb, string[] lines, int i)
    {
        string[] header = Cells(lines[i]);
        string[] rule = Cells(lines[i + 1]);
        var rows = new List<string[]>();
        i += 2;
        while (i < lines.Length && lines[i].Trim().StartsWith('|'))
        {
            rows.Add(Cells(lines[i++]));
        }

        // Explicit alignment from the rule row; unaligned columns are right-aligned when every cell starts with a digit.
        string[] align = Enumerable.Range(0, header.Length).Select(c =>
        {
            string r = c < rule.Length ? rule[c] : string.Empty;
            if (r.StartsWith(':') && r.EndsWith(':'))
            {
                return "center";
            }

            if (r.EndsWith(':') || r.StartsWith(':'))
            {
                return r.EndsWith(':') ? "right" : "left";
            }

            var column = rows.Select(row => c < row.Length ? row[c] : string.Empty).Where(x => x.Length > 0).ToArray();
            return column.Length > 0 && column.All(x => char.IsDigit(x[0])) ? "right" : "left";
        }).ToArray();
        sb.Append("<div class=\"table-wrap\"><table><thead><tr>");
        for (int c = 0; c < header.Length; c++)
        {
            sb.Append("<th scope=\"col\"").Append(Align(align[c])).Append('>').Append(Inline(header[c])).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (string[] cells in rows)
        {
            sb.Append("<tr>");
            for (int c = 0; c < header.Length; c++)
            {
                sb.Append("<td").Append(Align(align[c])).Append('>').Append(c < cells.Length ? Inline(cells[c]) : string.Empty).Append("</td>");
            }

            sb.Append("</tr>");
        }

        sb.Append("</tbody></table></div>\n");
        return i;
    }

    private static string Align(string align) => align switch
    {
        "left" => " class=\"text\"",
        "center" => " style=\"text-align:center\"",
        _ => string.Empty, // right, the table default
    };

    // Splits a pipe-table row on unescaped pipes, dropping the outer ones.
    private static string[] Cells(string line)
    {
        string t = line.Trim();
        if (t.StartsWith('|'))
        {
            t = t[1..];
        }

        if (t.EndsWith('|') && !t.EndsWith("\\|", StringComparison.Ordinal))
        {
            t = t[..^1];
        }

        var cells = new List<string>();
        var cell = new StringBuilder();
        for (int k = 0; k < t.Length; k++)
        {
            if (t[k] == '\\' && k + 1 < t.Length && t[k + 1] == '|')
            {
                cell.Append("\\|");
                k++;
            }
            else if (t[k] == '|')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(t[k]);
            }
        }

        cells.Add(cell.ToString().Trim());
        return cells.ToArray();
    }

    // A list and its nested lists: items are nested by their marker's indentation.
    private static int List(StringBuilder sb, string[] lines, int i)
    {
        var items = new List<(int Indent, bool Ordered, string Text)>();
        while (i < lines.Length)
        {
            var m = ListItem().Match(lines[i]);
            if (m.Success)
            {
                items.Add((m.Groups[1].Value.Replace("\t", "    ", StringComparison.Ordinal).Length, char.IsDigit(m.Groups[2].Value[0]), m.Groups[3].Value.Trim()));
                i++;
            }
            else if (lines[i].Trim().Length > 0 && items.Count > 0 && (char.IsWhiteSpace(lines[i][0]) || !StartsBlock(lines, i)))
            {
                var last = items[^1];
                items[^1] = (last.Indent, last.Ordered, last.Text + " " + lines[i].Trim());
                i++;
            }
            else
            {
                break;
            }
        }

        int k = 0;
        while (k < items.Count)
        {
            RenderList(sb, items, ref k, items[k].Indent);
        }

        return i;
    }

    private static void RenderList(StringBuilder sb, List<(int Indent, bool Ordered, string Text)> items, ref int k, int indent)
    {
        bool ordered = items[k].Ordered;
        string tag = ordered ? "ol" : "ul";
        sb.Append('<').Append(tag).Append(">\n");
        while (k < items.Count && items[k].Indent >= indent && (items[k].Indent > indent || items[k].Ordered == ordered))
        {
            sb.Append("<li>").Append(Inline(items[k].Text));
            int own = items[k].Indent;
            k++;
            if (k < items.Count && items[k].Indent > own)
            {
                sb.Append('\n');
                RenderList(sb, items, ref k, items[k].Indent);
            }

            sb.Append("</li>\n");
        }

        sb.Append("</").Append(tag).Append(">\n");
    }

    /// <summary>Inline Markdown to HTML: escapes, code spans, bold, emphasis; links become their text.</summary>
    public static string Inline(string text)
    {
        var sb = new StringBuilder();
        bool strong = false;
        bool em = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\' && i + 1 < text.Length && (char.IsPunctuation(text[i + 1]) || char.IsSymbol(text[i + 1])))
            {
                sb.Append(HtmlText.E(text[i + 1].ToString()));
                i++;
            }
            else if (c == '`' && text.IndexOf('`', i + 1) is int close and > 0)
            {
                sb.Append("<code>").Append(HtmlText.E(text[(i + 1)..close])).Append("</code>");
                i = close;
            }
            else if (c == '*' && i + 1 < text.Length && text[i + 1] == '*' && (strong || text.IndexOf("**", i + 2, StringComparison.Ordinal) > 0))
            {
                sb.Append(strong ? "</strong>" : "<strong>");
                strong = !strong;
                i++;
            }
            else if (c == '*' && (em ? i > 0 && !char.IsWhiteSpace(text[i - 1]) : i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]) && HasClosingStar(text, i + 1)))
            {
                sb.Append(em ? "</em>" : "<em>");
                em = !em;
            }
            else if (c == '[' && LinkText().Match(text, i) is { Success: true } link && link.Index == i)
            {
                sb.Append(Inline(link.Groups[1].Value));
                i += link.Length - 1;
            }
            else
            {
                sb.Append(HtmlText.E(c.ToString()));
            }
        }

        if (em)
        {
            sb.Append("</em>");
        }

        if (strong)
        {
            sb.Append("</strong>");
        }

        return sb.ToString();
    }

    private static bool HasClosingStar(string text, int from)
    {
        for (int k = from; k < text.Length; k++)
        {
            if (text[k] == '*' && !char.IsWhiteSpace(text[k - 1]) && (k + 1 >= text.Length || text[k + 1] != '*'))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")]
    private static partial Regex TableRule();

    [GeneratedRegex(@"^(\s*)([-*+]|\d{1,3}[.)])\s+(.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"\[([^\]]*)\]\(([^)]*)\)")]
    private static partial Regex LinkText();
}
