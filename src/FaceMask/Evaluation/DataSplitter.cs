using System.Globalization;

namespace FaceMask.Evaluation;

/// <summary>
/// Seeded, stratified ways to split samples into training and test sets. Labels are class indices;
/// results are sorted sample indices. The same inputs and seed always give the same split.
/// </summary>
internal static class DataSplitter
{
    /// <summary>
    /// Stratified K-fold, shuffled with the seed (like sklearn's <c>StratifiedKFold(shuffle=True)</c>):
    /// returns, per fold, the sorted test indices. Every index appears in exactly one fold, and each
    /// fold's count of each class is within 1 of the class's count divided by <paramref name="folds"/>.
    /// </summary>
    /// <exception cref="FaceMaskException"><paramref name="folds"/> is below 2, or a class has fewer samples than folds.</exception>
    public static int[][] StratifiedKFold(IReadOnlyList<int> labels, int folds, int seed) =>
        StratifiedKFold(labels, folds, seed, classNames: null);

    /// <summary>
    /// <see cref="StratifiedKFold(IReadOnlyList{int}, int, int)"/>, naming classes in error messages by
    /// <paramref name="classNames"/> (indexed by label) instead of by their number.
    /// </summary>
    /// <exception cref="FaceMaskException"><paramref name="folds"/> is below 2, or a class has fewer samples than folds.</exception>
    public static int[][] StratifiedKFold(IReadOnlyList<int> labels, int folds, int seed, IReadOnlyList<string>? classNames)
    {
        ArgumentNullException.ThrowIfNull(labels);
        CheckFolds(folds);
        var byClass = IndicesByClass(labels);
        CheckClassSizes(byClass, folds, classNames);

        // As sklearn: deal the samples, sorted by class, round-robin to the folds; this fixes how many of
        // each class every fold gets (floor or ceiling of count / folds) and keeps fold sizes within 1.
        var classes = byClass.Keys.ToArray();
        var allocation = new int[folds, classes.Length];
        int position = 0;
        for (int c = 0; c < classes.Length; c++)
        {
            for (int i = 0; i < byClass[classes[c]].Count; i++)
            {
                allocation[position % folds, c]++;
                position++;
            }
        }

        var rng = new SeededRandom(seed);
        var testFolds = new List<int>[folds];
        for (int f = 0; f < folds; f++)
        {
            testFolds[f] = [];
        }

        for (int c = 0; c < classes.Length; c++)
        {
            List<int> members = byClass[classes[c]];
            var foldOfMember = new int[members.Count];
            int m = 0;
            for (int f = 0; f < folds; f++)
            {
                for (int j = 0; j < allocation[f, c]; j++)
                {
                    foldOfMember[m++] = f;
                }
            }

            rng.Shuffle(foldOfMember.AsSpan());
            for (int i = 0; i < members.Count; i++)
            {
                testFolds[foldOfMember[i]].Add(members[i]);
            }
        }

        return testFolds.Select(SortedArray).ToArray();
    }

    /// <summary>
    /// Grouped stratified K-fold: all samples of a group (<paramref name="groups"/>[i] is any string id,
    /// such as the person or source video) land in the same fold, so no group is in both training and
    /// test data. Groups are assigned greedily, largest first (equal sizes in an order shuffled with the
    /// seed), each to the fold that keeps the class proportions across folds most even (the heuristic
    /// of sklearn's <c>StratifiedGroupKFold</c>: the least mean over classes of the standard deviation
    /// of the folds' shares of the class; near-ties go to the fold with fewer samples). Returns, per
    /// fold, the sorted test indices; no fold is empty.
    /// </summary>
    /// <exception cref="FaceMaskException"><paramref name="folds"/> is below 2, a class has fewer samples than folds, or there are fewer groups than folds.</exception>
    public static int[][] StratifiedGroupKFold(IReadOnlyList<int> labels, IReadOnlyList<string> groups, int folds, int seed) =>
        StratifiedGroupKFold(labels, groups, folds, seed, classNames: null);

    /// <summary>
    /// <see cref="StratifiedGroupKFold(IReadOnlyList{int}, IReadOnlyList{string}, int, int)"/>, naming
    /// classes in error messages by <paramref name="classNames"/> (indexed by label).
    /// </summary>
    /// <exception cref="FaceMaskException"><paramref name="folds"/> is below 2, a class has fewer samples than folds, or there are fewer groups than folds.</exception>
    public static int[][] StratifiedGroupKFold(
        IReadOnlyList<int> labels,
        IReadOnlyList<string> groups,
        int folds,
        int seed,
        IReadOnlyList<string>? classNames)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(groups);
        if (labels.Count != groups.Count)
        {
            throw new ArgumentException($"{labels.Count} labels but {groups.Count} group ids.", nameof(groups));
        }

        CheckFolds(folds);
        var byClass = IndicesByClass(labels);
        CheckClassSizes(byClass, folds, classNames);
        var classIndex = new Dictionary<int, int>();
        foreach (int label in byClass.Keys)
        {
            classIndex.Add(label, classIndex.Count);
        }

        int classCount = classIndex.Count;
        var classTotals = byClass.Values.Select(list => (double)list.Count).ToArray();

        // Group ids in order of first appearance, with their members and class counts.
        var groupIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var groupMembers = new List<List<int>>();
        var groupClassCounts = new List<int[]>();
        for (int i = 0; i < groups.Count; i++)
        {
            string id = groups[i] ?? throw new ArgumentException($"Group id at position {i} is null.", nameof(groups));
            if (!groupIndex.TryGetValue(id, out int g))
            {
                g = groupMembers.Count;
                groupIndex.Add(id, g);
                groupMembers.Add([]);
                groupClassCounts.Add(new int[classCount]);
            }

            groupMembers[g].Add(i);
            groupClassCounts[g][classIndex[labels[i]]]++;
        }

        if (groupMembers.Count < folds)
        {
            throw new FaceMaskException(
                $"There are only {groupMembers.Count} groups, fewer than the {folds} folds: each fold needs at least one group.");
        }

        var order = Enumerable.Range(0, groupMembers.Count).ToArray();
        new SeededRandom(seed).Shuffle(order.AsSpan());
        order = order.OrderByDescending(g => groupMembers[g].Count).ToArray(); // stable: ties keep the shuffled order

        var foldCounts = new double[folds][];
        for (int f = 0; f < folds; f++)
        {
            foldCounts[f] = new double[classCount];
        }

        var foldSizes = new int[folds];
        var testFolds = new List<int>[folds];
        for (int f = 0; f < folds; f++)
        {
            testFolds[f] = [];
        }

        foreach (int g in order)
        {
            int[] counts = groupClassCounts[g];
            int best = -1;
            double bestEval = double.PositiveInfinity;
            int bestSize = int.MaxValue;
            for (int f = 0; f < folds; f++)
            {
                double eval = Imbalance(foldCounts, classTotals, f, counts);
                bool better = best < 0
                    || (IsClose(eval, bestEval) ? foldSizes[f] < bestSize : eval < bestEval);
                if (better)
                {
                    best = f;
                    bestEval = eval;
                    bestSize = foldSizes[f];
                }
            }

            for (int c = 0; c < classCount; c++)
            {
                foldCounts[best][c] += counts[c];
            }

            foldSizes[best] += groupMembers[g].Count;
            testFolds[best].AddRange(groupMembers[g]);
        }

        return testFolds.Select(SortedArray).ToArray();
    }

    /// <summary>
    /// Stratified hold-out split, shuffled with the seed: of each class's n samples, round(testFraction × n)
    /// (half to even) go to the test set, but at least 1 and at most n − 1 when n ≥ 2, so both sets have
    /// every class that has two or more samples. Returns sorted index arrays.
    /// </summary>
    /// <exception cref="FaceMaskException"><paramref name="testFraction"/> is not strictly between 0 and 1.</exception>
    public static (int[] Train, int[] Test) StratifiedHoldout(IReadOnlyList<int> labels, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!(testFraction > 0.0 && testFraction < 1.0))
        {
            throw new FaceMaskException(
                $"The test fraction must be between 0 and 1 (exclusive), not {testFraction.ToString(CultureInfo.InvariantCulture)}.");
        }

        var rng = new SeededRandom(seed);
        var test = new List<int>();
        foreach (List<int> members in IndicesByClass(labels).Values)
        {
            int n = members.Count;
            int take = (int)Math.Round(testFraction * n, MidpointRounding.ToEven);
            if (n >= 2)
            {
                take = Math.Clamp(take, 1, n - 1);
            }

            int[] shuffled = members.ToArray();
            rng.Shuffle(shuffled.AsSpan());
            test.AddRange(shuffled.Take(take));
        }

        int[] testIndices = SortedArray(test);
        return (Complement(testIndices, labels.Count), testIndices);
    }

    /// <summary>The sorted indices in [0, <paramref name="count"/>) that are not in <paramref name="subset"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index of the subset is outside [0, count).</exception>
    public static int[] Complement(int[] subset, int count)
    {
        ArgumentNullException.ThrowIfNull(subset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var inSubset = new bool[count];
        foreach (int i in subset)
        {
            if ((uint)i >= (uint)count)
            {
                throw new ArgumentOutOfRangeException(nameof(subset), i, $"Index {i} is not in [0, {count}).");
            }

            inSubset[i] = true;
        }

        var rest = new List<int>(count);
        for (int i = 0; i < count; i++)
        {
            if (!inSubset[i])
            {
                rest.Add(i);
            }
        }

        return rest.ToArray();
    }

    private static void CheckFolds(int folds)
    {
        if (folds < 2)
        {
            throw new FaceMaskException($"Cross-validation needs at least 2 folds, not {folds}.");
        }
    }

    private static void CheckClassSizes(SortedDictionary<int, List<int>> byClass, int folds, IReadOnlyList<string>? classNames)
    {
        if (byClass.Count == 0)
        {
            throw new FaceMaskException("There are no samples to split.");
        }

        var smallest = byClass.MinBy(pair => pair.Value.Count);
        int n = smallest.Value.Count;
        if (n < folds)
        {
            int label = smallest.Key;
            string name = classNames is not null && label >= 0 && label < classNames.Count
                ? classNames[label]
                : label.ToString(CultureInfo.InvariantCulture);
            string images = n == 1 ? "image" : "images";
            throw new FaceMaskException($"class '{name}' has {n} {images}, fewer than the {folds} folds");
        }
    }

    // Sample indices of each class, classes in ascending order, indices ascending.
    private static SortedDictionary<int, List<int>> IndicesByClass(IReadOnlyList<int> labels)
    {
        var byClass = new SortedDictionary<int, List<int>>();
        for (int i = 0; i < labels.Count; i++)
        {
            if (!byClass.TryGetValue(labels[i], out List<int>? members))
            {
                members = [];
                byClass.Add(labels[i], members);
            }

            members.Add(i);
        }

        return byClass;
    }

    // The mean over classes of the (population) standard deviation across folds of each fold's share of
    // the class, if the group with class counts 'add' joined fold 'candidate'.
    private static double Imbalance(double[][] foldCounts, double[] classTotals, int candidate, int[] add)
    {
        int folds = foldCounts.Length;
        double sumOfStd = 0.0;
        for (int c = 0; c < classTotals.Length; c++)
        {
            double mean = 0.0;
            for (int f = 0; f < folds; f++)
            {
                mean += Share(f, c);
            }

            mean /= folds;
            double squares = 0.0;
            for (int f = 0; f < folds; f++)
            {
                double d = Share(f, c) - mean;
                squares += d * d;
            }

            sumOfStd += Math.Sqrt(squares / folds);
        }

        return sumOfStd / classTotals.Length;

        double Share(int f, int c) => (foldCounts[f][c] + (f == candidate ? add[c] : 0)) / classTotals[c];
    }

    // numpy.isclose with its default tolerances.
    private static bool IsClose(double a, double b) => Math.Abs(a - b) <= 1e-8 + (1e-5 * Math.Abs(b));

    private static int[] SortedArray(List<int> indices)
    {
        int[] array = indices.ToArray();
        Array.Sort(array);
        return array;
    }
}
