using FaceMask.Evaluation;
using FaceMask.IO;
using FaceMask.Reporting;

namespace FaceMask.Auditing;

/// <summary>
/// A blind label audit of a run, in two steps. <see cref="Start"/> draws a stratified sample of the run's images
/// (where the model agrees with the label, and where it does not), writes numbered review sheets that show neither
/// label nor prediction, and a blank <c>review.csv</c>. A person fills it with the class they see; <see cref="Score"/>
/// then estimates how often the dataset's labels are wrong and how the run scores against the reviewed labels.
/// </summary>
public static class LabelAudit
{
    /// <summary>The exporters of a scored audit.</summary>
    public static IReadOnlyList<IExporter<AuditReport>> Exporters { get; } = [new AuditJsonExporter(), new AuditMarkdownExporter()];

    /// <summary>Draws the sample of <paramref name="run"/> and writes a new audit folder.</summary>
    /// <param name="run">A run folder with <c>predictions.csv</c> (train, kfold or evaluate).</param>
    /// <param name="directory">The audit folder (must not exist or be empty); null makes <c>runs/&lt;timestamp&gt;-audit</c>.</param>
    /// <param name="options">Sample sizes and seed.</param>
    /// <param name="layout">Sheet layout.</param>
    /// <param name="dataRoot">Where the images are; null takes the dataset root recorded in the run's report.json.</param>
    /// <exception cref="FaceMaskException">The run or its images cannot be read.</exception>
    public static AuditFolder Start(string run, string? directory, AuditSampleOptions options, ReviewSheetLayout layout, string? dataRoot = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(layout);
        var (labels, rows) = PredictionsCsvReader.Read(run);
        string? root = dataRoot ?? (File.Exists(Path.Combine(run, "report.json")) ? ReportJson.Read(run).Data?.Root : null);
        if (root is null)
        {
            throw new FaceMaskException($"{run}: the run does not record its dataset root; give the images' folder with --data");
        }

        if (!Directory.Exists(root))
        {
            throw new FaceMaskException($"{root}: the dataset folder of the run is not here; give the images' folder with --data");
        }

        var plan = AuditSampler.Draw(rows, labels, options, Path.GetFullPath(run), Path.GetFullPath(root));
        layout.Validate();
        string folder = RunFolder.Create(directory, "audit", DateTime.UtcNow);
        var sheets = ReviewSheets.Write(plan, root, folder, layout);
        string review = ReviewCsv.WriteBlank(plan, folder);
        plan.Write(folder);
        return new AuditFolder(folder, plan, review, sheets);
    }

    /// <summary>Scores the audit folder's reviews and writes <c>audit.json</c> and <c>audit.md</c> into it (replacing an earlier score).</summary>
    /// <returns>The report and the files written.</returns>
    /// <exception cref="FaceMaskException">The folder's plan or review file is missing or malformed, or a stratum has no review yet.</exception>
    public static (AuditReport Report, IReadOnlyList<string> Files) Score(string directory, int bootstrap = BootstrapIntervals.DefaultResamples, int seed = 0)
    {
        var plan = AuditPlan.Read(directory);
        var reviews = ReviewCsv.Read(directory, plan);
        var report = AuditScorer.Score(plan, reviews, bootstrap, seed);
        return (report, Exporters.SelectMany(e => e.Export(report, directory)).ToArray());
    }
}
