using System.Text;
using FaceMask.Data;
using FaceMask.Reporting;
using SkiaSharp;

namespace FaceMask.Bias;

/// <summary>
/// Mitigation by data: a copy of a dataset in which under-represented group × class cells are topped up with augmented
/// copies of their own images (the <c>facemask augment --by</c> command). The source is never modified.
/// </summary>
public static class GroupAugmenter
{
    /// <summary>The attribute CSV written inside the new dataset's root.</summary>
    public const string AttributesFileName = "attributes.csv";

    /// <summary>
    /// Copies every image of <paramref name="sourceRoot"/> to <paramref name="outputRoot"/> unchanged and adds augmented copies
    /// (flip, crop, brightness and saturation, as <see cref="DatasetAugmenter"/>) of the images of each group × class cell
    /// of <paramref name="attribute"/> until the cell holds <paramref name="perCell"/> images, or, when that is null, as many
    /// as the largest group has in that class. Images of unknown group are copied but never augmented. A new
    /// <c>attributes.csv</c> in the output root lists the originals' rows and one row per copy with its source's values.
    /// </summary>
    /// <exception cref="FaceMaskException">The folders are unsuitable, the attribute is unknown, or writing fails.</exception>
    public static GroupAugmentSummary WriteGroupBalancedCopy(
        string sourceRoot,
        string outputRoot,
        GroupAttributes attributes,
        string attribute,
        int? perCell,
        int seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceRoot);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputRoot);
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(attribute);
        if (perCell is < 1)
        {
            throw new FaceMaskException($"--per-cell must be at least 1, got {perCell}");
        }

        string source = Path.TrimEndingDirectorySeparator(Path.GetFullPath(sourceRoot));
        string output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputRoot));
        var staged = StagedDatasetFolder.Check(source, output, "the augmented dataset");
        ImageFolder folder = ImageFolder.Discover(source);
        string[] paths = folder.Entries.Select(e => e.RelativePath).ToArray();
        AttributeMatch match = attributes.Match(paths);
        IReadOnlyList<string?> groups = match.Attribute(attribute).Groups;

        var cells = new SortedDictionary<(string Group, int Label), List<int>>(Comparer<(string Group, int Label)>.Create((a, b) =>
        {
            int c = string.CompareOrdinal(a.Group, b.Group);
            return c != 0 ? c : a.Label.CompareTo(b.Label);
        }));
        for (int i = 0; i < paths.Length; i++)
        {
            if (groups[i] is { } g)
            {
                var key = (g, folder.Entries[i].Label);
                if (!cells.TryGetValue(key, out var list))
                {
                    cells[key] = list = [];
                }

                list.Add(i);
            }
        }

        var largest = new Dictionary<int, int>();
        foreach (var ((_, label), list) in cells)
        {
            largest[label] = Math.Max(largest.GetValueOrDefault(label), list.Count);
        }

        var random = new Random(seed);
        var summaries = new List<GroupAugmentCell>();
        var skipped = new List<SkippedFile>();
        var rows = new List<(string Path, string?[] Values)>();
        staged.Write(staging =>
        {
            foreach (string relative in paths)
            {
                string to = Path.Combine(staging, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(Path.Combine(source, relative), to);
                if (Values(attributes, relative) is { } values)
                {
                    rows.Add((relative, values));
                }
            }

            var taken = new HashSet<string>(paths, StringComparer.OrdinalIgnoreCase);
            foreach (var ((group, label), members) in cells)
            {
                int target = perCell ?? largest[label];
                int need = Math.Max(0, target - members.Count);
                int[] order = members.ToArray();
                random.Shuffle(order);
                int added = 0;
                var unusable = new HashSet<int>();
                for (int k = 0; added < need && unusable.Count < order.Length; k++)
                {
                    int i = order[k % order.Length];
                    if (unusable.Contains(i))
                    {
                        continue;
                    }

                    string relative = paths[i];
                    AugmentParameters parameters = AugmentParameters.Draw(random);
                    byte[]? jpeg = TryAugment(Path.Combine(source, relative), relative, parameters, skipped);
                    if (jpeg is null)
                    {
                        unusable.Add(i);
                        continue;
                    }

                    string directory = relative[..(relative.LastIndexOf('/') + 1)];
                    string stem = Path.GetFileNameWithoutExtension(relative);
                    string name = $"{directory}{stem}_aug{added + 1:D4}.jpg";
                    for (int bump = 2; !taken.Add(name); bump++)
                    {
                        name = $"{directory}{stem}_aug{added + 1:D4}_{bump}.jpg";
                    }

                    File.WriteAllBytes(Path.Combine(staging, name), jpeg);
                    if (Values(attributes, relative) is { } values)
                    {
                        rows.Add((name, values));
                    }

                    added++;
                }

                summaries.Add(new GroupAugmentCell(group, folder.Classes[label], members.Count - unusable.Count, target, added));
            }

            File.WriteAllText(Path.Combine(staging, AttributesFileName), Csv(attributes.Names, rows), new UTF8Encoding(false));
        });

        return new GroupAugmentSummary(output, attribute, Path.Combine(output, AttributesFileName), paths.Length, summaries, skipped);
    }

    private static string?[]? Values(GroupAttributes attributes, string relative)
    {
        var values = attributes.Names.Select(n => attributes.Group(n, relative)).ToArray();
        return values.All(v => v is null) ? null : values;
    }

    private static byte[]? TryAugment(string file, string relative, AugmentParameters parameters, List<SkippedFile> skipped)
    {
        try
        {
            byte[] bytes = ImageDecoder.ReadFile(file, relative);
            using SKBitmap original = ImageDecoder.DecodeBitmap(bytes, relative);
            using SKBitmap augmented = ImageAugmentation.Apply(original, parameters);
            using SKData? jpeg = augmented.Encode(SKEncodedImageFormat.Jpeg, DatasetAugmenter.JpegQuality);
            return jpeg?.ToArray() ?? throw new FaceMaskException($"{file}: cannot encode an augmented copy as JPEG");
        }
        catch (ImageDecodeException ex)
        {
            skipped.Add(new SkippedFile(relative, ex.Reason) { Problem = ex.Problem });
            return null;
        }
    }

    private static string Csv(IReadOnlyList<string> names, List<(string Path, string?[] Values)> rows)
    {
        var sb = new StringBuilder("path");
        foreach (string n in names)
        {
            sb.Append(',').Append(PredictionsCsvExporter.Csv(n));
        }

        sb.Append('\n');
        foreach (var (path, values) in rows.OrderBy(r => r.Path, StringComparer.Ordinal))
        {
            sb.Append(PredictionsCsvExporter.Csv(path));
            foreach (string? v in values)
            {
                sb.Append(',').Append(v is null ? string.Empty : PredictionsCsvExporter.Csv(v));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }
}
