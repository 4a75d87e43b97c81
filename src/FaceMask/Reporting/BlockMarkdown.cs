using System.Text;

namespace FaceMask.Reporting;

/// <summary>Renders <see cref="ReportBlock"/>s as Markdown.</summary>
internal static class BlockMarkdown
{
    /// <summary>Appends the blocks; a <see cref="HeadingBlock"/> of level 1 becomes a heading of <paramref name="baseLevel"/> hashes.</summary>
    public static void Append(StringBuilder sb, IEnumerable<ReportBlock> blocks, int baseLevel)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    sb.Append(new string('#', Math.Min(6, baseLevel + h.Level - 1))).Append(' ').Append(Inline(h.Text)).Append("\n\n");
                    break;
                case TableBlock t:
                    AppendTable(sb, t.Columns, t.Rows);
                    break;
                case PairsBlock p:
                    foreach (var (key, value) in p.Pairs)
                    {
                        sb.Append("- ").Append(Inline(key)).Append(": ").Append(Inline(value)).Append('\n');
                    }

                    sb.Append('\n');
                    break;
                case TextBlock x:
                    sb.Append(Inline(x.Text)).Append("\n\n");
                    break;
            }
        }
    }

    /// <summary>Appends a pipe table.</summary>
    public static void AppendTable(StringBuilder sb, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        sb.Append("| ").Append(string.Join(" | ", columns.Select(Cell))).Append(" |\n|");
        sb.Append(string.Join("|", columns.Select(_ => "---"))).Append("|\n");
        foreach (var row in rows)
        {
            sb.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
        }

        sb.Append('\n');
    }

    /// <summary>Text safe to put in a Markdown paragraph: line breaks become spaces, Markdown punctuation is escaped.</summary>
    public static string Inline(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is '\r' or '\n')
            {
                sb.Append(' ');
            }
            else
            {
                if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#')
                {
                    sb.Append('\\');
                }

                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string Cell(string text) => Inline(text);
}
