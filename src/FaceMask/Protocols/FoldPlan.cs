using FaceMask.Data;
using FaceMask.Evaluation;

namespace FaceMask.Protocols;

/// <summary>
/// The test folds of a k-fold run: stratified, stratified and grouped, or leave-one-group-out (one fold per distinct
/// group id, in ordinal order of the ids — e.g. one fold per image source, to estimate accuracy on photos from a source
/// the model never saw).
/// </summary>
/// <param name="TestFolds">Per fold, the sorted indices of its test images.</param>
/// <param name="HeldOutGroups">For leave-one-group-out, the group id each fold holds out; otherwise null.</param>
internal sealed record FoldPlan(int[][] TestFolds, IReadOnlyList<string>? HeldOutGroups)
{
    /// <summary>The folds <paramref name="options"/> ask for on <paramref name="data"/>.</summary>
    /// <exception cref="FaceMaskException">Leave-one-group-out without groups or with fewer than two; or the usual k-fold errors.</exception>
    public static FoldPlan Create(LoadedDataset data, ExperimentOptions options, int folds)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (options.LeaveOneGroupOut)
        {
            if (options.Groups is null)
            {
                throw new FaceMaskException("leave-one-group-out needs group ids (--groups CSV --group-column NAME)");
            }

            return LeaveOneGroupOut(options.Groups);
        }

        return new FoldPlan(
            options.Groups is { } groups
                ? DataSplitter.StratifiedGroupKFold(data.Labels, groups, folds, options.Training.Seed, data.Classes)
                : DataSplitter.StratifiedKFold(data.Labels, folds, options.Training.Seed, data.Classes),
            null);
    }

    /// <summary>One fold per distinct id of <paramref name="groups"/> (ordinal order), holding out that group's images.</summary>
    /// <exception cref="FaceMaskException">There are fewer than two distinct groups.</exception>
    public static FoldPlan LeaveOneGroupOut(IReadOnlyList<string> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var members = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < groups.Count; i++)
        {
            string id = groups[i] ?? throw new ArgumentException($"Group id at position {i} is null.", nameof(groups));
            if (!members.TryGetValue(id, out List<int>? list))
            {
                list = [];
                members.Add(id, list);
            }

            list.Add(i);
        }

        if (members.Count < 2)
        {
            throw new FaceMaskException(
                $"leave-one-group-out needs at least 2 distinct groups; the group column has {members.Count}");
        }

        return new FoldPlan(members.Values.Select(list => list.ToArray()).ToArray(), members.Keys.ToArray());
    }
}
