using System.Text;
using static FaceMask.Reporting.Html.HtmlText;

namespace FaceMask.Reporting.Html;

/// <summary>
/// Builds <c>report.html</c>: one self-contained HTML5 page per run (plots and thumbnails embedded as data URIs,
/// inline CSS, no script, nothing fetched from the network), readable on a laptop and a phone and printable.
/// Each section appears only when the run has data for it.
/// </summary>
internal static class HtmlReportBuilder
{
    /// <summary>The page's file name inside a run folder.</summary>
    public const string FileName = "report.html";

    /// <summary>
    /// The id of every section the page can have, in page order: summary, data, training, folds, reports, confusion,
    /// confused-pairs, calibration, errors, bias, compare, model-card.
    /// </summary>
    public static IReadOnlyList<string> SectionIds { get; } =
        ["summary", "data", "training", "folds", "reports", "confusion", "confused-pairs", "calibration", "errors", "bias", "compare", "model-card"];

    private static readonly Func<ReportContext, HtmlSection?>[] Sections =
    [
        SummarySection.Build,
        DataOverviewSection.Build,
        TrainingCurvesSection.Build,
        FoldsSection.Build,
        ClassificationReportsSection.Build,
        ConfusionSection.Build,
        ConfusedPairsSection.Build,
        CalibrationSection.Build,
        ErrorGallerySection.Build,
        BiasSection.Build,
        CompareSection.Build,
        ModelCardSection.Build,
    ];

    /// <summary>The page for a run folder's contents.</summary>
    public static string Build(RunFolderContents contents, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var ctx = new ReportContext(contents, options ?? new HtmlReportOptions());
        var sections = Sections.Select(build => build(ctx)).OfType<HtmlSection>().ToArray();
        var r = contents.Report;
        string title = r is null
            ? $"FaceMask comparison — {Path.GetFileName(Path.TrimEndingDirectorySeparator(contents.RunDirectory))}"
            : $"FaceMask {r.Verb} run — {r.StartedUtc.ToString("yyyy-MM-dd HH:mm", Inv)} UTC";

        var sb = new StringBuilder(1 << 20);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<meta name=\"generator\" content=\"FaceMask\">\n");
        sb.Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(HtmlStyles.Css).Append("</style>\n</head>\n<body>\n<main>\n");
        sb.Append("<header class=\"page\"><h1>").Append(E(title)).Append("</h1>");
        if (r is not null)
        {
            string labels = string.Join(", ", r.Labels);
            sb.Append("<p class=\"muted\">").Append(E($"{r.Labels.Count} classes: {labels}. Run folder: {contents.RunDirectory}")).Append("</p>");
        }

        sb.Append("</header>\n");
        sb.Append("<nav class=\"toc\" aria-label=\"Contents\"><strong>Contents</strong><ol>");
        foreach (var s in sections)
        {
            sb.Append("<li><a href=\"#").Append(s.Id).Append("\">").Append(E(s.Title)).Append("</a></li>");
        }

        sb.Append("</ol></nav>\n");
        foreach (var s in sections)
        {
            sb.Append("<section id=\"").Append(s.Id).Append("\">\n<h2>").Append(E(s.Title)).Append("</h2>\n").Append(s.Body).Append("\n</section>\n");
        }

        string version = typeof(HtmlReportBuilder).Assembly.GetName().Version?.ToString() ?? "?";
        sb.Append("<footer>").Append(E($"Made by FaceMask {version} from the files of the run folder; rebuild it with "))
          .Append("<code>").Append(E($"facemask report {contents.RunDirectory}")).Append("</code>. ")
          .Append("The page is self-contained: it loads nothing from the network.</footer>\n");
        sb.Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }
}
