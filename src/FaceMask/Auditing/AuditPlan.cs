using System.Text.Json;
using FaceMask.IO;
using FaceMask.Reporting;

namespace FaceMask.Auditing;

/// <summary>
/// A label audit's sample: which of a run's images were drawn for review, from which stratum, and how large each
/// stratum is. Saved as <c>audit-plan.json</c> beside the blank <c>review.csv</c>; the review sheets show only the
/// item numbers, so the reviewer sees neither the dataset's label nor the model's prediction.
/// </summary>
public sealed record AuditPlan
{
    /// <summary>The file name inside an audit folder.</summary>
    public const string FileName = "audit-plan.json";

    /// <summary>The run folder whose predictions were sampled.</summary>
    public required string Run { get; init; }

    /// <summary>The dataset root the image paths are relative to, when known.</summary>
    public string? DataRoot { get; init; }

    /// <summary>The classes, in the run's order.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Seed of the draw.</summary>
    public int Seed { get; init; }

    /// <summary>Each stratum's size in the run and how many were drawn from it.</summary>
    public required IReadOnlyList<AuditPopulation> Populations { get; init; }

    /// <summary>The run's confusion matrix against the dataset's labels (rows given label, columns predicted), over every image.</summary>
    public required IReadOnlyList<IReadOnlyList<int>> Confusion { get; init; }

    /// <summary>The drawn images, in sheet order.</summary>
    public required IReadOnlyList<AuditItem> Items { get; init; }

    /// <summary>The population of <paramref name="stratum"/>.</summary>
    public AuditPopulation Population(AuditStratum stratum) =>
        Populations.FirstOrDefault(p => p.Stratum == stratum) ?? new AuditPopulation(stratum, 0, 0);

    /// <summary>Writes <c>audit-plan.json</c> into <paramref name="directory"/> atomically; returns its path.</summary>
    public string Write(string directory)
    {
        string path = Path.Combine(directory, FileName);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, ReportJson.Options));
        return path;
    }

    /// <summary>Reads an audit folder's plan; errors name the file and the problem.</summary>
    /// <exception cref="FaceMaskException">The file is missing, corrupt or inconsistent.</exception>
    public static AuditPlan Read(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new FaceMaskException($"{directory}: not an audit folder (no {FileName}; make one with 'facemask audit sample')");
        }

        AuditPlan plan;
        try
        {
            plan = JsonSerializer.Deserialize<AuditPlan>(File.ReadAllText(path), ReportJson.Options)
                ?? throw new FaceMaskException($"{path}: empty audit plan");
        }
        catch (JsonException ex)
        {
            throw new FaceMaskException($"{path}: corrupt audit plan ({ex.Message})", ex);
        }

        plan.Check(path);
        return plan;
    }

    private void Check(string path)
    {
        var labels = Labels.ToHashSet(StringComparer.Ordinal);
        var numbers = new HashSet<int>();
        foreach (var item in Items)
        {
            if (!numbers.Add(item.Item))
            {
                throw new FaceMaskException($"{path}: item {item.Item} appears twice");
            }

            if (!labels.Contains(item.Given) || !labels.Contains(item.Predicted))
            {
                throw new FaceMaskException($"{path}: item {item.Item} names a class that is not among {string.Join(", ", Labels)}");
            }

            if ((item.Given == item.Predicted) != (item.Stratum == AuditStratum.Agreement))
            {
                throw new FaceMaskException($"{path}: item {item.Item} is filed under the wrong stratum");
            }
        }

        int agreements = Enumerable.Range(0, Labels.Count).Sum(c => c < Confusion.Count && c < Confusion[c].Count ? Confusion[c][c] : 0);
        if (Confusion.Count != Labels.Count || Confusion.Any(r => r.Count != Labels.Count)
            || agreements != Population(AuditStratum.Agreement).Images
            || Confusion.Sum(r => r.Sum()) != Populations.Sum(p => p.Images))
        {
            throw new FaceMaskException($"{path}: the confusion matrix does not match the classes and strata");
        }

        foreach (var population in Populations)
        {
            int drawn = Items.Count(i => i.Stratum == population.Stratum);
            if (drawn != population.Drawn || population.Drawn > population.Images)
            {
                throw new FaceMaskException($"{path}: the {population.Stratum} stratum says {population.Drawn} of {population.Images} drawn, the items hold {drawn}");
            }
        }
    }
}
