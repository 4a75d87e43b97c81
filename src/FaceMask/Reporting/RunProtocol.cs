namespace FaceMask.Reporting;

/// <summary>How a run evaluated its model, in words, from its report: k-fold (plain, grouped or one group held out per fold), hold-out split or evaluation.</summary>
internal static class RunProtocol
{
    /// <summary>A short phrase, e.g. "stratified 10-fold cross-validation, grouped by image_info.csv:group".</summary>
    public static string Describe(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Folds is { Count: > 0 } folds)
        {
            string planned = Setting(report, "folds") ?? folds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string stopped = report.Cancelled ? $" (stopped after {folds.Count} folds)" : string.Empty;
            string? groups = Setting(report, "groups");
            if (Setting(report, "leave_one_group_out") is not null)
            {
                return $"{planned} folds, each holding out one group of {groups ?? "the groups"}{stopped}";
            }

            string grouped = groups is null ? string.Empty : $", grouped by {groups}";
            return $"stratified {planned}-fold cross-validation{grouped}{stopped}";
        }

        if (report.Train is not null)
        {
            string split = Setting(report, "test_split") is { } s ? $" (test share {s})" : string.Empty;
            return $"stratified hold-out split{split}";
        }

        return $"{report.Verb}: a saved model on a labelled folder";
    }

    private static string? Setting(RunReport report, string key) =>
        report.Settings.TryGetValue(key, out string? value) && value.Length > 0 ? value : null;
}
