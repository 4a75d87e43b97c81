using System.Text;
using System.Text.Json.Nodes;
using static FaceMask.Reporting.Html.HtmlText;

namespace FaceMask.Reporting.Html;

/// <summary>
/// The comparison table of a run made by <c>facemask compare</c> (compare.json, read loosely): one row per metric,
/// one column per compared run. Other shapes render generically.
/// </summary>
internal static class CompareSection
{
    public static HtmlSection? Build(ReportContext ctx)
    {
        var compare = ctx.Contents.Compare;
        if (compare is null && ctx.Contents.CompareError is null)
        {
            return null;
        }

        var sb = new StringBuilder();
        if (compare is null)
        {
            sb.Append("<p class=\"warn\">").Append(E(ctx.Contents.CompareError)).Append("</p>");
            return new HtmlSection("compare", "Comparison", sb.ToString());
        }

        if (compare is JsonObject root && root["rows"] is JsonArray rows && rows.Count > 0
            && rows.All(r => r is JsonObject o && o["values"] is JsonArray && JsonLayout.NameOf(o) is not null))
        {
            var runs = root["runs"] as JsonArray;
            int columns = rows.Max(r => ((JsonArray)r!["values"]!).Count);
            string[] names = Enumerable.Range(0, columns)
                .Select(i => runs is not null && i < runs.Count && JsonLayout.NameOf(runs[i]) is { } n ? n : $"run {i + 1}")
                .ToArray();
            if (runs is not null && runs.Any(r => r is JsonObject))
            {
                sb.Append("<h3>Runs</h3>");
                BlockHtml.Append(sb, JsonLayout.Blocks(runs, 1), 4);
            }

            sb.Append("<h3>Metrics</h3>");
            var table = new TableBlock(
                new[] { "metric" }.Concat(names).ToArray(),
                rows.Cast<JsonObject>().Select(r =>
                {
                    var values = (JsonArray)r["values"]!;
                    return (IReadOnlyList<string>)new[] { JsonLayout.NameOf(r)! }
                        .Concat(Enumerable.Range(0, columns).Select(i => i < values.Count ? JsonLayout.Format(values[i]) : string.Empty))
                        .ToArray();
                }).ToArray());
            BlockHtml.AppendTable(sb, table);
            var rest = new JsonObject(root.Where(p => p.Key is not ("rows" or "runs")).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
            if (rest.Count > 0)
            {
                BlockHtml.Append(sb, JsonLayout.Blocks(rest, 1), 3);
            }
        }
        else
        {
            BlockHtml.Append(sb, JsonLayout.Blocks(compare, 1), 3);
        }

        return new HtmlSection("compare", "Comparison", sb.ToString());
    }
}
