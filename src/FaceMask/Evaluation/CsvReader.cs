using System.Text;

namespace FaceMask.Evaluation;

/// <summary>
/// Reads comma-separated values as in RFC 4180: fields may be quoted, quoted fields may contain commas,
/// line breaks and doubled quotes (<c>""</c> for one <c>"</c>). Records end with CRLF, LF or CR; completely
/// empty lines are skipped; a byte-order mark at the start is ignored. Fields are returned as written
/// (no trimming), and records may have different numbers of fields.
/// </summary>
public static class CsvReader
{
    /// <summary>The records of <paramref name="reader"/>, read lazily.</summary>
    /// <exception cref="FaceMaskException">The quoting is malformed (raised while enumerating).</exception>
    public static IEnumerable<string[]> ReadRows(TextReader reader) => ReadRows(reader, "CSV input");

    /// <summary>The records of <paramref name="reader"/>, read lazily; error messages start with <paramref name="sourceName"/> (such as the file's path).</summary>
    /// <exception cref="FaceMaskException">The quoting is malformed (raised while enumerating).</exception>
    public static IEnumerable<string[]> ReadRows(TextReader reader, string sourceName) =>
        ReadRecords(reader, sourceName).Select(r => r.Fields);

    /// <summary>Like <see cref="ReadRows(TextReader, string)"/>, with the 1-based line each record starts on.</summary>
    internal static IEnumerable<(int Line, string[] Fields)> ReadRecords(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        return Iterate(reader, sourceName);
    }

    private static IEnumerable<(int Line, string[] Fields)> Iterate(TextReader reader, string source)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        bool fieldStarted = false; // the current field has content or an opening quote
        bool afterClosingQuote = false;

        if (reader.Peek() == '\uFEFF')
        {
            reader.Read();
        }

        while (true)
        {
            int c = reader.Read();
            if (afterClosingQuote && c is not (',' or '\r' or '\n' or -1))
            {
                throw new FaceMaskException(
                    $"{source}: line {line}: unexpected character '{(char)c}' after a closing quote (a quote inside a quoted field must be doubled).");
            }

            switch (c)
            {
                case -1:
                    if (fields.Count > 0 || fieldStarted)
                    {
                        fields.Add(field.ToString());
                        yield return (recordLine, fields.ToArray());
                    }

                    yield break;

                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    afterClosingQuote = false;
                    break;

                case '\r' or '\n':
                    if (c == '\r' && reader.Peek() == '\n')
                    {
                        reader.Read();
                    }

                    if (fields.Count > 0 || fieldStarted)
                    {
                        fields.Add(field.ToString());
                        yield return (recordLine, fields.ToArray());
                        fields.Clear();
                        field.Clear();
                        fieldStarted = false;
                        afterClosingQuote = false;
                    }

                    line++;
                    recordLine = line;
                    break;

                case '"':
                    if (fieldStarted)
                    {
                        throw new FaceMaskException(
                            $"{source}: line {line}: a quote inside an unquoted field (quote the whole field and double the quote).");
                    }

                    fieldStarted = true;
                    line = ReadQuoted(reader, field, source, line);
                    afterClosingQuote = true;
                    break;

                default:
                    field.Append((char)c);
                    fieldStarted = true;
                    break;
            }
        }
    }

    // Reads a quoted field's content after its opening quote, up to and including the closing quote;
    // returns the line number after any line breaks inside the field.
    private static int ReadQuoted(TextReader reader, StringBuilder field, string source, int line)
    {
        int startLine = line;
        while (true)
        {
            int c = reader.Read();
            switch (c)
            {
                case -1:
                    throw new FaceMaskException(
                        $"{source}: line {startLine}: a quoted field is never closed (missing closing quote).");
                case '"':
                    if (reader.Peek() != '"')
                    {
                        return line;
                    }

                    reader.Read();
                    field.Append('"');
                    break;
                case '\n':
                    field.Append('\n');
                    line++;
                    break;
                case '\r':
                    field.Append('\r');
                    if (reader.Peek() == '\n')
                    {
                        reader.Read();
                        field.Append('\n');
                    }

                    line++;
                    break;
                default:
                    field.Append((char)c);
                    break;
            }
        }
    }
}
