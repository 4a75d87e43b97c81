using System.Globalization;
using System.Text;
using FaceMask.IO;
using FaceMask.Reporting;

namespace FaceMask.Auditing;

/// <summary>Writes <c>audit.md</c>: the run against the dataset's and the reviewer's labels, the strata and the changed labels.</summary>
internal sealed class AuditMarkdownExporter : IExporter<AuditReport>
{
    /// <summary>The file name.</summary>
    public const string FileName = "audit.md";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <inheritdoc />
    public string Name => FileName;

    /// <inheritdoc />
    public IReadOnlyList<string> Export(AuditReport report, string directory)
    {
        string path = Path.Combine(directory, FileName);
        AtomicFile.WriteAllText(path, Render(report));
        return [path];
    }

    /// <summary>The markdown text.</summary>
    public static string Render(AuditReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var sb = new StringBuilder("# Label audit\n\n");
        sb.Append(Inv, $"- Run: `{r.Run}` ({r.Images} images, classes {string.Join(", ", r.Labels)})\n");
        int reviewed = r.Strata.Sum(s => s.Reviewed);
        int unsure = r.Strata.Sum(s => s.Unsure);
        sb.Append(Inv, $"- Reviewed: {reviewed} images given a class, {unsure} unsure, {r.NotReviewed} not reviewed yet\n");
        sb.Append(Inv, $"- Intervals: {r.Level * 100:0.#}% stratified percentile bootstrap, {r.Bootstrap} replicates, seed {r.Seed}\n");
        sb.Append("- Estimates weight each reviewed image by its stratum's size over the stratum's reviewed count; an unsure image keeps the dataset's label.\n\n");

        sb.Append("## The run against the dataset's labels and the reviewer's\n\n");
        BlockMarkdown.AppendTable(sb, ["metric", "dataset labels", "reviewer's labels (estimated)"],
        [
            ["Accuracy", AuditText.Percent(r.GivenAccuracy), AuditText.Percent(r.ReviewedAccuracy)],
            ["Macro-F1", AuditText.Decimal(r.GivenMacroF1), AuditText.Decimal(r.ReviewedMacroF1)],
        ]);
        sb.Append(Inv, $"Labels the reviewer changed: **{AuditText.Percent(r.LabelErrorRate)}** of the run's images; undecidable: {AuditText.Percent(r.UnsureShare)}.\n\n");

        sb.Append("## Per class\n\n");
        BlockMarkdown.AppendTable(sb, ["class", "F1 (dataset labels)", "precision (reviewer)", "recall (reviewer)", "F1 (reviewer)", "labels changed"],
            r.Classes.Select(c => (IReadOnlyList<string>)[c.Label, AuditText.Decimal(c.GivenF1), AuditText.Decimal(c.ReviewedPrecision), AuditText.Decimal(c.ReviewedRecall), AuditText.Decimal(c.ReviewedF1), AuditText.Percent(c.LabelErrorRate)]));

        sb.Append("## Strata\n\n");
        BlockMarkdown.AppendTable(sb, ["stratum", "images", "drawn", "given a class", "unsure", "label right", "prediction right"],
            r.Strata.Select(s => (IReadOnlyList<string>)[AuditText.Describe(s.Stratum),
                Count(s.Images), Count(s.Drawn), Count(s.Reviewed), Count(s.Unsure), Count(s.LabelRight), Count(s.PredictionRight)]));

        if (r.Relabelled.Count > 0)
        {
            sb.Append("## Labels the reviewer changed\n\n");
            BlockMarkdown.AppendTable(sb, ["item", "path", "dataset label", "reviewer", "model"],
                r.Relabelled.Select(f => (IReadOnlyList<string>)[Count(f.Item), f.Path, f.Given, f.Reviewed ?? string.Empty, f.Predicted]));
        }

        if (r.Undecided.Count > 0)
        {
            sb.Append("## Images the reviewer could not decide\n\n");
            BlockMarkdown.AppendTable(sb, ["item", "path", "dataset label", "model"],
                r.Undecided.Select(f => (IReadOnlyList<string>)[Count(f.Item), f.Path, f.Given, f.Predicted]));
        }

        return sb.ToString();
    }

    private static string Count(int n) => n.ToString(Inv);
}
