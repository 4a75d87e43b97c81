using System.Text;
using System.Text.Json.Nodes;
using static FaceMask.Reporting.Html.HtmlText;

namespace FaceMask.Reporting.Html;

/// <summary>
/// Per-group results from bias.json, read loosely: for each attribute a bar chart of the groups' main metric with
/// its interval, then every table and gap the file holds. Shapes other than the expected one still render as tables.
/// </summary>
internal static class BiasSection
{
    private static readonly string[] PreferredMetrics = ["accuracy", "recall", "macro_f1", "f1"];
    private static readonly string[] CountKeys = ["count", "n", "support", "images"];

    public static HtmlSection? Build(ReportContext ctx)
    {
        var bias = ctx.Contents.Bias;
        if (bias is null && ctx.Contents.BiasError is null)
        {
            return null;
        }

        var sb = new StringBuilder();
        if (bias is null)
        {
            sb.Append("<p class=\"warn\">").Append(E(ctx.Contents.BiasError)).Append("</p>");
            return new HtmlSection("bias", "Results per group", sb.ToString());
        }

        sb.Append(Note("Results broken down by the attributes given to the run (from bias.json). Intervals are shown in brackets where the file has them; small groups have wide intervals."));
        if (bias is JsonObject root && root["attributes"] is JsonArray attributes && attributes.All(a => a is JsonObject))
        {
            foreach (JsonObject attribute in attributes.Cast<JsonObject>())
            {
                string name = JsonLayout.NameOf(attribute) ?? "attribute";
                sb.Append("<h3>").Append(E(name)).Append("</h3>");
                AppendChart(sb, name, attribute["groups"]);
                BlockHtml.Append(sb, JsonLayout.Blocks(attribute, 1, NameKey(attribute)), 4);
            }

            var rest = new JsonObject(root.Where(p => p.Key != "attributes").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
            if (rest.Count > 0)
            {
                sb.Append("<h3>Other figures</h3>");
                BlockHtml.Append(sb, JsonLayout.Blocks(rest, 1), 4);
            }
        }
        else
        {
            BlockHtml.Append(sb, JsonLayout.Blocks(bias, 1), 3);
        }

        return new HtmlSection("bias", "Results per group", sb.ToString());
    }

    private static string? NameKey(JsonObject obj) =>
        new[] { "name", "attribute" }.FirstOrDefault(k => obj[k] is JsonValue);

    private static void AppendChart(StringBuilder sb, string attribute, JsonNode? groupsNode)
    {
        if (groupsNode is not JsonArray groups || groups.Count == 0 || groups.Any(g => g is not JsonObject))
        {
            return;
        }

        var items = groups.Cast<JsonObject>().ToArray();
        string? metric = PreferredMetrics.FirstOrDefault(k => items.All(g => JsonLayout.Number(g[k]) is not null))
            ?? items[0].Select(p => p.Key).FirstOrDefault(k => !CountKeys.Contains(k) && items.All(g => JsonLayout.Number(g[k]) is double v && v >= 0 && v <= 1));
        if (metric is null)
        {
            return;
        }

        var names = items.Select((g, i) =>
        {
            string label = JsonLayout.NameOf(g) ?? $"group {i + 1}";
            string? count = CountKeys.Select(k => JsonLayout.Number(g[k])).FirstOrDefault(v => v is not null) is double n ? JsonLayout.FormatNumber(n) : null;
            return count is null ? label : $"{label} (n={count})";
        }).ToArray();
        double[] values = items.Select(g => JsonLayout.Number(g[metric])!.Value).ToArray();
        double?[] lows = items.Select(g => JsonLayout.Interval(g[metric])?.Low).ToArray();
        double?[] highs = items.Select(g => JsonLayout.Interval(g[metric])?.High).ToArray();
        bool percent = values.Concat(lows.OfType<double>()).Concat(highs.OfType<double>()).All(v => v >= 0 && v <= 1);
        string title = $"{JsonLayout.Humanize(metric)} by {attribute}" + (lows.Any(l => l is not null) ? " (black lines: intervals)" : string.Empty);
        sb.Append(Png(ReportPlots.GroupBars(title, names, values, lows, highs, percent), $"Bar chart of {JsonLayout.Humanize(metric)} per {attribute} group", ReportPlots.PixelsPerCssPixel));
    }
}
