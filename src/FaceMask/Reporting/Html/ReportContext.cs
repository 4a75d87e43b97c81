using FaceMask.Calibration;
using FaceMask.Evaluation;

namespace FaceMask.Reporting.Html;

/// <summary>What every section writer reads: the run folder's contents, the options and values computed once for the page.</summary>
internal sealed class ReportContext
{
    private readonly Lazy<BootstrapIntervals?> _bootstrap;
    private readonly Lazy<Thumbnailer> _thumbnailer;
    private readonly Lazy<CalibrationReport?> _calibration;

    public ReportContext(RunFolderContents contents, HtmlReportOptions options)
    {
        Contents = contents;
        Options = options;
        _bootstrap = new(() => Report is null ? null : ModelCardWriter.Bootstrap(Contents.Predictions, Report.Labels.Count));
        _thumbnailer = new(() => new Thumbnailer(Report?.Data?.Root, Options.ThumbnailSide));
        _calibration = new(() => Report is null ? null : Report.Calibration ?? CalibrationAnalyzer.TryAnalyze(Contents.Predictions));
    }

    public RunFolderContents Contents { get; }

    public HtmlReportOptions Options { get; }

    public RunReport? Report => Contents.Report;

    public bool KFold => Report?.Folds is { Count: > 0 };

    /// <summary>Bootstrap intervals of the test metrics, when there are labelled predictions.</summary>
    public BootstrapIntervals? Bootstrap => _bootstrap.Value;

    public Thumbnailer Thumbnails => _thumbnailer.Value;

    /// <summary>The run's calibration: from report.json, or for runs written before it existed, computed from predictions.csv.</summary>
    public CalibrationReport? Calibration => _calibration.Value;

    /// <summary>The name of the test predictions: pooled out-of-fold, held-out test split, or the evaluated folder.</summary>
    public string TestName => KFold ? "pooled out-of-fold predictions" : Report?.Train is not null ? "held-out test split" : "evaluated images";
}
