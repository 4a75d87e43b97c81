using System.Globalization;
using CsvHelper;

namespace FaceMask.IO;

/// <summary>
/// A CSV file with a header row, read through CsvHelper as in RFC 4180: fields may be quoted, quoted fields may
/// contain commas, line breaks and doubled quotes. Records end with CRLF, LF or CR; completely empty lines are skipped;
/// a byte-order mark is ignored; fields are returned as written (no trimming) and records may have different numbers
/// of fields. Columns are found by name; every error starts with the source's name and, for a record, its line.
/// </summary>
internal sealed class CsvTable : IDisposable
{
    private readonly CsvHelper.CsvReader _reader;
    private readonly bool _trimmedNames;

    private CsvTable(CsvHelper.CsvReader reader, string source, string[] header, bool trimmedNames)
    {
        _reader = reader;
        Source = source;
        Header = header;
        _trimmedNames = trimmedNames;
    }

    /// <summary>The name errors start with, such as the file's path.</summary>
    public string Source { get; }

    /// <summary>The header row (trimmed when opened with <c>trimNames</c>).</summary>
    public string[] Header { get; }

    /// <summary>The header's names, quoted and comma-separated, for messages: <c>'path', 'gender'</c>.</summary>
    public string Columns => string.Join(", ", Header.Select(h => $"'{h}'"));

    /// <summary>The 1-based line the current record starts on.</summary>
    public int Line { get; private set; }

    /// <summary>The fields of the current record.</summary>
    public string[] Fields { get; private set; } = [];

    /// <summary>Reads the header row of <paramref name="reader"/>.</summary>
    /// <param name="reader">The CSV text; disposed with the table.</param>
    /// <param name="source">The name errors start with.</param>
    /// <param name="emptyHint">Appended to the error for an empty file (<c>"{source}: the file is empty; {hint}"</c>).</param>
    /// <param name="trimNames">Trim the header's names, and the names looked up.</param>
    /// <exception cref="FaceMaskException">The file is empty or its quoting is malformed.</exception>
    public static CsvTable Open(TextReader reader, string source, string? emptyHint = null, bool trimNames = false)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        var csv = Create(reader, source);
        try
        {
            if (!Next(csv, source, out _, out string[] header))
            {
                throw new FaceMaskException(emptyHint is null ? $"{source}: the file is empty" : $"{source}: the file is empty; {emptyHint}");
            }

            return new CsvTable(csv, source, trimNames ? header.Select(h => h.Trim()).ToArray() : header, trimNames);
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }

    /// <summary>Every record of <paramref name="reader"/>, the header row included, read lazily.</summary>
    /// <exception cref="FaceMaskException">The quoting is malformed (raised while enumerating).</exception>
    public static IEnumerable<string[]> ReadRows(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        return Iterate(reader, source);

        static IEnumerable<string[]> Iterate(TextReader reader, string source)
        {
            using var csv = Create(reader, source);
            while (Next(csv, source, out _, out string[] fields))
            {
                yield return fields;
            }
        }
    }

    /// <summary>The index of the column named <paramref name="column"/>, or -1.</summary>
    public int IndexOf(string column) => Array.IndexOf(Header, _trimmedNames ? column.Trim() : column);

    /// <summary>The index of the column named <paramref name="column"/>.</summary>
    /// <exception cref="FaceMaskException">There is no such column: <c>"{source}: there is no '{column}' column; the columns are …"</c>.</exception>
    public int Require(string column)
    {
        int index = IndexOf(column);
        return index >= 0 ? index : throw new FaceMaskException($"{Source}: there is no '{column}' column; the columns are {Columns}.");
    }

    /// <summary>Moves to the next record (<see cref="Line"/>, <see cref="Fields"/>); false at the end.</summary>
    /// <exception cref="FaceMaskException">The quoting is malformed.</exception>
    public bool Read()
    {
        if (!Next(_reader, Source, out int line, out string[] fields))
        {
            return false;
        }

        Line = line;
        Fields = fields;
        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => _reader.Dispose();

    private static CsvHelper.CsvReader Create(TextReader reader, string source) => CsvHelper.CsvReader.Create(
        reader,
        new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = false,
            TrackLineNumbers = true,
            FormatProvider = CultureInfo.InvariantCulture,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = record => throw new FaceMaskException($"{source}: line {record.LineNumber}: {Problem(record.Reason)}."),
        },
        leaveOpen: false);

    private static bool Next(CsvHelper.CsvReader csv, string source, out int line, out string[] fields)
    {
        try
        {
            if (!csv.Read())
            {
                line = 0;
                fields = [];
                return false;
            }
        }
        catch (CsvFormatException e)
        {
            throw new FaceMaskException($"{source}: line {e.LineNumber}: {e.Message}", e);
        }

        line = checked((int)csv.LineNumber);
        fields = new string[csv.FieldCount];
        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = csv.GetString(i);
        }

        return true;
    }

    private static string Problem(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed (missing closing quote)",
        CsvMalformedReason.TextAfterClosingQuote => "unexpected text after a closing quote (a quote inside a quoted field must be doubled)",
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field (quote the whole field and double the quote)",
        _ => $"malformed record ({reason})",
    };
}
