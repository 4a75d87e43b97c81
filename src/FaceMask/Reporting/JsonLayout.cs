using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FaceMask.Reporting;

/// <summary>
/// Lays out JSON of unknown or drifting shape as headings, tables and key–value lists, so optional run files
/// (bias.json, compare.json) written by other parts of the program render without depending on their types:
/// arrays of objects become tables, objects of scalars become key–value lists, named items of nested arrays
/// become sub-headings, and interval objects (<c>{"value","low","high"}</c>) become one cell "v [low, high]".
/// </summary>
internal static class JsonLayout
{
    private static readonly string[] NameKeys = ["name", "attribute", "label", "group", "metric", "run", "id"];
    private static readonly string[] ValueKeys = ["value", "estimate", "mean", "point"];
    private static readonly string[] LowKeys = ["low", "lower", "lo", "ci_low", "low95"];
    private static readonly string[] HighKeys = ["high", "upper", "hi", "ci_high", "high95"];

    /// <summary>The blocks for <paramref name="node"/>; headings start at <paramref name="level"/>.</summary>
    /// <param name="node">The JSON.</param>
    /// <param name="level">Level of the top headings.</param>
    /// <param name="skipKey">A property of <paramref name="node"/> (an object) to leave out, such as one shown elsewhere.</param>
    public static IReadOnlyList<ReportBlock> Blocks(JsonNode? node, int level = 1, string? skipKey = null)
    {
        var blocks = new List<ReportBlock>();
        Append(blocks, node, level, skipKey);
        return blocks;
    }

    /// <summary>A table of an array of objects (columns: union of keys in first-seen order), or null if it is not one.</summary>
    public static TableBlock? Table(JsonNode? node)
    {
        if (node is not JsonArray array || array.Count == 0 || array.Any(x => x is not JsonObject))
        {
            return null;
        }

        var columns = new List<string>();
        foreach (JsonObject item in array.Cast<JsonObject>())
        {
            foreach (var property in item)
            {
                if (!columns.Contains(property.Key))
                {
                    columns.Add(property.Key);
                }
            }
        }

        var rows = array.Cast<JsonObject>()
            .Select(item => (IReadOnlyList<string>)columns.Select(c => item.TryGetPropertyValue(c, out JsonNode? v) ? Format(v) : string.Empty).ToArray())
            .ToList();
        return new TableBlock(columns.Select(Humanize).ToArray(), rows);
    }

    /// <summary>A scalar, interval, array or object as one line of text.</summary>
    public static string Format(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return string.Empty;
            case JsonValue value:
                return FormatScalar(value);
            case JsonObject obj when Interval(obj) is { } interval:
                return FormatInterval(interval);
            case JsonArray array when array.All(x => x is null or JsonValue):
                return string.Join(", ", array.Select(Format));
            case JsonArray array:
                return string.Join("; ", array.Select(Format));
            case JsonObject obj:
                return string.Join("; ", obj.Select(p => $"{Humanize(p.Key)}: {Format(p.Value)}"));
            default:
                return node.ToJsonString();
        }
    }

    /// <summary>The (value, low, high) of an interval object, if <paramref name="node"/> is one.</summary>
    public static (double Value, double? Low, double? High)? Interval(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            return null;
        }

        double? value = First(obj, ValueKeys);
        double? low = First(obj, LowKeys);
        double? high = First(obj, HighKeys);
        return value is { } v && (low is not null || high is not null) ? (v, low, high) : null;
    }

    /// <summary>A number: the JSON number, or an interval's value; null otherwise.</summary>
    public static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : Interval(node)?.Value;

    /// <summary>The item's name: its first string property among name, attribute, label, group, metric, run, id.</summary>
    public static string? NameOf(JsonNode? node)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        if (node is not JsonObject obj)
        {
            return null;
        }

        foreach (string key in NameKeys.Concat(["dir", "path", "verb"]))
        {
            if (obj.TryGetPropertyValue(key, out JsonNode? v) && v is JsonValue s && s.GetValueKind() is JsonValueKind.String or JsonValueKind.Number)
            {
                return Format(s);
            }
        }

        return null;
    }

    /// <summary>"macro_f1" → "macro f1".</summary>
    public static string Humanize(string key) => key.Replace('_', ' ');

    private static void Append(List<ReportBlock> blocks, JsonNode? node, int level, string? skipKey)
    {
        switch (node)
        {
            case JsonArray array when Table(array) is { } table && !IsNamedContainerArray(array):
                blocks.Add(table);
                break;
            case JsonArray array when IsNamedContainerArray(array):
                foreach (JsonObject item in array.Cast<JsonObject>())
                {
                    string name = NameOf(item) ?? "item";
                    blocks.Add(new HeadingBlock(level, name));
                    Append(blocks, item, level + 1, NameKeyOf(item));
                }

                break;
            case JsonArray array:
                blocks.Add(new TextBlock(Format(array)));
                break;
            case JsonObject obj when Interval(obj) is null:
                AppendObject(blocks, obj, level, skipKey);
                break;
            case not null:
                blocks.Add(new TextBlock(Format(node)));
                break;
        }
    }

    private static void AppendObject(List<ReportBlock> blocks, JsonObject obj, int level, string? skipKey)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in obj)
        {
            if (key == skipKey)
            {
                continue;
            }

            if (IsFlat(value))
            {
                pairs.Add(new(Humanize(key), Format(value)));
            }
        }

        if (pairs.Count > 0)
        {
            blocks.Add(new PairsBlock(pairs));
        }

        foreach (var (key, value) in obj)
        {
            if (key == skipKey || IsFlat(value))
            {
                continue;
            }

            blocks.Add(new HeadingBlock(level, Humanize(key)));
            if (value is JsonObject map && map.Count > 0 && map.All(p => p.Value is JsonObject o && Interval(o) is null && o.All(q => IsFlat(q.Value))))
            {
                // a map of records: one row per key
                var records = new JsonArray(map.Select(p =>
                {
                    var row = new JsonObject { ["name"] = p.Key };
                    foreach (var (k, v) in (JsonObject)p.Value!)
                    {
                        row[k] = v?.DeepClone();
                    }

                    return (JsonNode?)row;
                }).ToArray());
                blocks.Add(Table(records)!);
            }
            else
            {
                Append(blocks, value, level + 1, null);
            }
        }
    }

    private static bool IsFlat(JsonNode? value) =>
        value is null or JsonValue || Interval(value) is not null || (value is JsonArray a && a.All(x => x is null or JsonValue));

    // An array of objects that each have a name and something nested (an array or non-interval object) to show under it.
    private static bool IsNamedContainerArray(JsonArray array) =>
        array.Count > 0 && array.All(x => x is JsonObject o && NameOf(o) is not null && o.Any(p => !IsFlat(p.Value)));

    private static string? NameKeyOf(JsonObject obj) =>
        NameKeys.Concat(["dir", "path", "verb"]).FirstOrDefault(k => obj.TryGetPropertyValue(k, out JsonNode? v) && v is JsonValue);

    private static double? First(JsonObject obj, string[] keys)
    {
        foreach (string key in keys)
        {
            if (obj.TryGetPropertyValue(key, out JsonNode? v) && v is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
            {
                return value.GetValue<double>();
            }
        }

        return null;
    }

    private static string FormatScalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.Number => FormatNumber(value.GetValue<double>()),
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => string.Empty,
        _ => value.ToJsonString(),
    };

    private static string FormatInterval((double Value, double? Low, double? High) i) =>
        $"{FormatNumber(i.Value)} [{(i.Low is { } l ? FormatNumber(l) : "?")}, {(i.High is { } h ? FormatNumber(h) : "?")}]";

    /// <summary>Whole numbers as integers, others with up to four decimals.</summary>
    public static string FormatNumber(double x) =>
        double.IsFinite(x) && Math.Abs(x - Math.Round(x)) < 1e-12 && Math.Abs(x) < 1e15
            ? Math.Round(x).ToString("0", CultureInfo.InvariantCulture)
            : x.ToString("0.####", CultureInfo.InvariantCulture);
}
