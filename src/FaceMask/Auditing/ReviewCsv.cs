using System.Globalization;
using System.Text;
using FaceMask.Evaluation;
using FaceMask.IO;

namespace FaceMask.Auditing;

/// <summary>
/// The reviewer's file of a label audit, <c>review.csv</c>: <c>item,label,note</c>, one row per item of the review
/// sheets. The reviewer writes the class they see in <c>label</c> (any letter case), <c>unsure</c> or <c>?</c> when
/// the image does not decide it, or leaves it empty for later; <c>note</c> is free text and is not read.
/// </summary>
public static class ReviewCsv
{
    /// <summary>The file name inside an audit folder.</summary>
    public const string FileName = "review.csv";

    /// <summary>What a reviewer writes for an image they cannot decide (<c>?</c> is read the same).</summary>
    public const string UnsureLabel = "unsure";

    /// <summary>Writes the blank file for <paramref name="plan"/> into <paramref name="directory"/>; refuses to replace one.</summary>
    /// <exception cref="FaceMaskException">The folder already has a review.csv (it may hold a reviewer's work).</exception>
    public static string WriteBlank(AuditPlan plan, string directory)
    {
        ArgumentNullException.ThrowIfNull(plan);
        string path = Path.Combine(directory, FileName);
        if (File.Exists(path))
        {
            throw new FaceMaskException($"{path}: exists and may hold a reviewer's labels; it is not replaced");
        }

        var sb = new StringBuilder("item,label,note\n");
        foreach (var item in plan.Items)
        {
            sb.Append(item.Item.ToString(CultureInfo.InvariantCulture)).Append(",,\n");
        }

        AtomicFile.WriteAllText(path, sb.ToString());
        return path;
    }

    /// <summary>Reads <c>&lt;directory&gt;/review.csv</c> against <paramref name="plan"/>.</summary>
    /// <exception cref="FaceMaskException">The file is missing or a row is malformed; the message names the file and line.</exception>
    internal static AuditReviews Read(string directory, AuditPlan plan)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new FaceMaskException($"{directory}: no {FileName} in the audit folder");
        }

        try
        {
            using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            return Parse(reader, path, plan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FaceMaskException($"{path}: could not be read: {e.Message}", e);
        }
    }

    /// <summary>Parses review CSV text; errors start with <paramref name="sourceName"/>.</summary>
    /// <exception cref="FaceMaskException">The text is malformed.</exception>
    internal static AuditReviews Parse(TextReader reader, string sourceName, AuditPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var table = CsvTable.Open(reader, sourceName);
        int itemColumn = table.IndexOf("item");
        int labelColumn = table.IndexOf("label");
        if (itemColumn < 0 || labelColumn < 0)
        {
            throw new FaceMaskException($"{sourceName}: expected a header with 'item' and 'label' columns, found '{string.Join(",", table.Header)}'");
        }

        var known = plan.Items.Select(i => i.Item).ToHashSet();
        var classes = plan.Labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.OrdinalIgnoreCase);
        var labels = new Dictionary<int, int>();
        var unsure = new HashSet<int>();
        var seen = new HashSet<int>();
        int blank = 0;
        while (table.Read())
        {
            (int line, string[] f) = (table.Line, table.Fields);
            string itemText = itemColumn < f.Length ? f[itemColumn].Trim() : string.Empty;
            if (!int.TryParse(itemText, NumberStyles.None, CultureInfo.InvariantCulture, out int item) || !known.Contains(item))
            {
                throw new FaceMaskException($"{sourceName}: line {line}: '{itemText}' is not an item of this audit (items 1–{plan.Items.Count})");
            }

            if (!seen.Add(item))
            {
                throw new FaceMaskException($"{sourceName}: line {line}: item {item} is listed twice");
            }

            string label = labelColumn < f.Length ? f[labelColumn].Trim() : string.Empty;
            if (label.Length == 0)
            {
                blank++;
            }
            else if (classes.TryGetValue(label, out int c))
            {
                labels[item] = c;
            }
            else if (label == "?" || label.Equals(UnsureLabel, StringComparison.OrdinalIgnoreCase))
            {
                unsure.Add(item);
            }
            else
            {
                throw new FaceMaskException(
                    $"{sourceName}: line {line}: item {item}: '{label}' is not a class ({string.Join(", ", plan.Labels)}), '{UnsureLabel}' or '?'");
            }
        }

        return new AuditReviews(labels, unsure, blank + known.Count(i => !seen.Contains(i)));
    }
}
