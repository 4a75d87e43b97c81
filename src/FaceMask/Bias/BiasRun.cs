using FaceMask.Protocols;

namespace FaceMask.Bias;

/// <summary>Runs the bias analysis on a run's predictions with group labels from an attribute source.</summary>
internal static class BiasRun
{
    /// <summary>How many unmatched paths and unlabelled images bias.json lists by name.</summary>
    public const int ListedPaths = 100;

    /// <summary>
    /// Analyses <paramref name="predictions"/> (rows with a known true class) disaggregated by every attribute of
    /// <paramref name="attributes"/>. Coverage (unmatched paths, images without a row) is judged against
    /// <paramref name="datasetPaths"/>, the whole dataset (for a hold-out run, not just its test images).
    /// </summary>
    /// <exception cref="FaceMaskException">A prediction has no true class, or the options are invalid.</exception>
    public static BiasReport Analyze(
        IReadOnlyList<PredictionRow> predictions,
        IReadOnlyList<string> labels,
        GroupAttributes attributes,
        IReadOnlyList<string> datasetPaths,
        BiasOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(datasetPaths);
        if (predictions.FirstOrDefault(p => p.Truth < 0) is { } unlabelled)
        {
            throw new FaceMaskException($"{unlabelled.Path}: has no true class; the bias analysis needs labelled images.");
        }

        AttributeMatch coverage = attributes.Match(datasetPaths);
        AttributeMatch match = attributes.Match(predictions.Select(p => p.Path).ToArray());
        BiasReport report = BiasAnalyzer.Analyze(
            predictions.Select(p => p.Truth).ToArray(),
            predictions.Select(p => p.Predicted).ToArray(),
            labels,
            match.Attributes,
            options);

        var warnings = new List<string>();
        if (coverage.UnmatchedPaths.Count > 0)
        {
            warnings.Add($"{coverage.UnmatchedPaths.Count} path(s) of {attributes.Source} match no image (first: {coverage.UnmatchedPaths[0]}).");
        }

        if (coverage.ImagesWithoutRow.Count > 0)
        {
            warnings.Add($"{coverage.ImagesWithoutRow.Count} image(s) have no row in {attributes.Source}; they count only in the overall figures.");
        }

        return report with
        {
            Coverage = new BiasCoverage
            {
                Source = attributes.Source,
                Rows = attributes.Count,
                Images = datasetPaths.Count,
                UnmatchedPathCount = coverage.UnmatchedPaths.Count,
                UnmatchedPaths = coverage.UnmatchedPaths.Take(ListedPaths).ToArray(),
                ImagesWithoutRowCount = coverage.ImagesWithoutRow.Count,
                ImagesWithoutRow = coverage.ImagesWithoutRow.Take(ListedPaths).ToArray(),
                EmptyCells = coverage.EmptyCells,
            },
            Warnings = [.. warnings, .. report.Warnings],
        };
    }
}
