using FaceMask.Reporting.Html;

namespace FaceMask.Reporting;

/// <summary>Rebuilds a run folder's derived pages from its files, so old runs get new report features.</summary>
public static class ReportRebuilder
{
    /// <summary>
    /// Re-reads the run folder and rewrites <c>model/MODEL_CARD.md</c> (when the run saved a model and the card was not
    /// edited by hand) and <c>report.html</c>. Returns the files written.
    /// </summary>
    /// <exception cref="FaceMaskException">The folder is not a run folder, or its report.json or predictions.csv is corrupt.</exception>
    public static IReadOnlyList<string> Rebuild(string runDirectory, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        string dir = Path.GetFullPath(runDirectory);
        var contents = RunFolderContents.Load(dir);
        var written = new List<string>();
        if (contents.Report is { } report)
        {
            var card = new ModelCardExporter().Export(new RunArtifacts(report, contents.Predictions), dir);
            written.AddRange(card);
            if (card.Count > 0)
            {
                contents = RunFolderContents.Load(dir);
            }
        }

        written.Add(HtmlReportExporter.Write(contents, options));
        return written;
    }
}
