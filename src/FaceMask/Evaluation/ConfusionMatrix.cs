namespace FaceMask.Evaluation;

/// <summary>
/// Counts of (true class, predicted class) pairs. Rows are the true class and columns the predicted
/// class, both indexed like <see cref="Labels"/> (the layout of sklearn's <c>confusion_matrix</c>).
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] _counts;

    private ConfusionMatrix(IReadOnlyList<string> labels, int[,] counts)
    {
        Labels = labels;
        _counts = counts;
    }

    /// <summary>The class names; their positions are the row and column indices.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The number of labels (rows and columns).</summary>
    public int Count => Labels.Count;

    /// <summary>The number of samples counted (the sum of all cells).</summary>
    public int Total
    {
        get
        {
            int total = 0;
            foreach (int cell in _counts)
            {
                total += cell;
            }

            return total;
        }
    }

    /// <summary>The number of samples of class <paramref name="truth"/> predicted as <paramref name="predicted"/>.</summary>
    public int this[int truth, int predicted]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(truth);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(truth, Count);
            ArgumentOutOfRangeException.ThrowIfNegative(predicted);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(predicted, Count);
            return _counts[truth, predicted];
        }
    }

    /// <summary>Counts the pairs <c>(truth[i], predicted[i])</c>; both hold indices into <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">The lists differ in length, no labels are given, or an index is out of range.</exception>
    public static ConfusionMatrix FromPredictions(
        IReadOnlyList<int> truth,
        IReadOnlyList<int> predicted,
        IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(labels);
        if (truth.Count != predicted.Count)
        {
            throw new ArgumentException(
                $"{truth.Count} true labels but {predicted.Count} predictions.", nameof(predicted));
        }

        if (labels.Count == 0)
        {
            throw new ArgumentException("At least one label is needed.", nameof(labels));
        }

        int k = labels.Count;
        var counts = new int[k, k];
        for (int i = 0; i < truth.Count; i++)
        {
            int t = truth[i];
            int p = predicted[i];
            if ((uint)t >= (uint)k)
            {
                throw new ArgumentException($"True label index {t} at position {i} is not in [0, {k}).", nameof(truth));
            }

            if ((uint)p >= (uint)k)
            {
                throw new ArgumentException($"Predicted label index {p} at position {i} is not in [0, {k}).", nameof(predicted));
            }

            counts[t, p]++;
        }

        return new ConfusionMatrix(labels.ToArray(), counts);
    }

    /// <summary>Builds a matrix from given counts (rows = true class, columns = predicted class).</summary>
    /// <exception cref="ArgumentException">The counts are not a square matrix matching the labels, or a count is negative.</exception>
    public static ConfusionMatrix FromCounts(IReadOnlyList<IReadOnlyList<int>> counts, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(labels);
        int k = labels.Count;
        if (k == 0)
        {
            throw new ArgumentException("At least one label is needed.", nameof(labels));
        }

        if (counts.Count != k)
        {
            throw new ArgumentException($"{counts.Count} rows for {k} labels.", nameof(counts));
        }

        var cells = new int[k, k];
        for (int t = 0; t < k; t++)
        {
            if (counts[t].Count != k)
            {
                throw new ArgumentException($"Row {t} has {counts[t].Count} columns for {k} labels.", nameof(counts));
            }

            for (int p = 0; p < k; p++)
            {
                int c = counts[t][p];
                if (c < 0)
                {
                    throw new ArgumentException($"Negative count at ({t}, {p}).", nameof(counts));
                }

                cells[t, p] = c;
            }
        }

        return new ConfusionMatrix(labels.ToArray(), cells);
    }

    /// <summary>The number of correct predictions (the diagonal's sum).</summary>
    public int Trace()
    {
        int trace = 0;
        for (int i = 0; i < Count; i++)
        {
            trace += _counts[i, i];
        }

        return trace;
    }

    /// <summary>How many samples truly belong to class <paramref name="truth"/> (the row's sum).</summary>
    public int RowSum(int truth)
    {
        int sum = 0;
        for (int p = 0; p < Count; p++)
        {
            sum += this[truth, p];
        }

        return sum;
    }

    /// <summary>How many samples were predicted as class <paramref name="predicted"/> (the column's sum).</summary>
    public int ColumnSum(int predicted)
    {
        int sum = 0;
        for (int t = 0; t < Count; t++)
        {
            sum += this[t, predicted];
        }

        return sum;
    }

    /// <summary>A copy of the counts as jagged rows (row = true class).</summary>
    public int[][] ToArray()
    {
        var rows = new int[Count][];
        for (int t = 0; t < Count; t++)
        {
            rows[t] = new int[Count];
            for (int p = 0; p < Count; p++)
            {
                rows[t][p] = _counts[t, p];
            }
        }

        return rows;
    }

    /// <summary>
    /// Each row divided by its sum, so each row sums to 1 (the per-class recall on the diagonal);
    /// rows of a class with no samples stay all 0. Like sklearn's <c>normalize="true"</c>.
    /// </summary>
    public double[][] RowNormalized()
    {
        var rows = new double[Count][];
        for (int t = 0; t < Count; t++)
        {
            rows[t] = new double[Count];
            int sum = RowSum(t);
            if (sum == 0)
            {
                continue;
            }

            for (int p = 0; p < Count; p++)
            {
                rows[t][p] = (double)_counts[t, p] / sum;
            }
        }

        return rows;
    }

    /// <summary>
    /// The off-diagonal cells with a non-zero count, largest count first (ties by true class, then
    /// predicted class), at most <paramref name="top"/> of them.
    /// </summary>
    public IEnumerable<(int Truth, int Predicted, int Count)> MostConfusedPairs(int top)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var pairs = new List<(int Truth, int Predicted, int Count)>();
        for (int t = 0; t < Count; t++)
        {
            for (int p = 0; p < Count; p++)
            {
                if (t != p && _counts[t, p] > 0)
                {
                    pairs.Add((t, p, _counts[t, p]));
                }
            }
        }

        return pairs
            .OrderByDescending(x => x.Count)
            .ThenBy(x => x.Truth)
            .ThenBy(x => x.Predicted)
            .Take(top)
            .ToArray();
    }
}
