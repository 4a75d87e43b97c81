using FaceMask.Evaluation;
using Xunit;

namespace FaceMask.Tests.Evaluation;

public sealed class DataSplitterTests
{
    // 4 classes of 53, 31, 17 and 10 samples, interleaved.
    private static readonly int[] Labels = MakeLabels([53, 31, 17, 10]);

    [Theory]
    [InlineData(2, 0)]
    [InlineData(5, 1)]
    [InlineData(10, 42)]
    public void StratifiedFoldsPartitionTheSamplesEvenly(int folds, int seed)
    {
        int[][] split = DataSplitter.StratifiedKFold(Labels, folds, seed);
        Assert.Equal(folds, split.Length);
        AssertPartition(split, Labels.Length);
        foreach (int[] fold in split)
        {
            Assert.Equal(fold.Order(), fold); // sorted
            foreach (var cls in Labels.Distinct())
            {
                double ideal = (double)Labels.Count(l => l == cls) / folds;
                int actual = fold.Count(i => Labels[i] == cls);
                Assert.True(Math.Abs(actual - ideal) < 1.0, $"class {cls}: {actual} in a fold, ideal {ideal}");
            }
        }

        Assert.True(split.Max(f => f.Length) - split.Min(f => f.Length) <= 1);
    }

    [Fact]
    public void StratifiedFoldsDependOnlyOnTheSeed()
    {
        Assert.Equal(DataSplitter.StratifiedKFold(Labels, 5, 7), DataSplitter.StratifiedKFold(Labels, 5, 7));
        Assert.NotEqual(DataSplitter.StratifiedKFold(Labels, 5, 7), DataSplitter.StratifiedKFold(Labels, 5, 8));
    }

    [Fact]
    public void StratifiedFoldsWorkWithAnyLabelValues()
    {
        int[] labels = [7, -1, 7, -1, 7, -1, 3, 3];
        int[][] split = DataSplitter.StratifiedKFold(labels, 2, 1);
        AssertPartition(split, labels.Length);
        Assert.All(split, f => Assert.Equal(1, f.Count(i => labels[i] == 3)));
        Assert.All(split, f => Assert.InRange(f.Count(i => labels[i] == 7), 1, 2));
        Assert.All(split, f => Assert.InRange(f.Count(i => labels[i] == -1), 1, 2));
    }

    [Fact]
    public void TooSmallClassIsAnErrorNamingIt()
    {
        int[] labels = [.. Enumerable.Repeat(0, 30), .. Enumerable.Repeat(1, 3)];
        var e = Assert.Throws<FaceMaskException>(() => DataSplitter.StratifiedKFold(labels, 10, 0, ["mask", "x"]));
        Assert.Contains("class 'x' has 3 images, fewer than the 10 folds", e.Message);
        e = Assert.Throws<FaceMaskException>(() => DataSplitter.StratifiedKFold(labels, 10, 0));
        Assert.Contains("class '1' has 3 images, fewer than the 10 folds", e.Message);
        e = Assert.Throws<FaceMaskException>(() => DataSplitter.StratifiedKFold([0, 0, 1], 2, 0));
        Assert.Contains("class '1' has 1 image, fewer than the 2 folds", e.Message);
    }

    [Fact]
    public void FewerThanTwoFoldsIsAnError()
    {
        Assert.Throws<FaceMaskException>(() => DataSplitter.StratifiedKFold(Labels, 1, 0));
        Assert.Throws<FaceMaskException>(() => DataSplitter.StratifiedGroupKFold(Labels, Groups(Labels.Length, 3), 1, 0));
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(5, 11)]
    public void GroupedFoldsKeepEachGroupInOneFoldAndStayBalanced(int folds, int seed)
    {
        // Groups of 1 to 5 samples (a person photographed several times), each of a single class.
        var labels = new List<int>();
        var groups = new List<string>();
        var rng = new Random(123);
        int person = 0;
        foreach ((int cls, int count) in new[] { (0, 200), (1, 120), (2, 60) })
        {
            int made = 0;
            while (made < count)
            {
                int size = Math.Min(rng.Next(1, 6), count - made);
                for (int i = 0; i < size; i++)
                {
                    labels.Add(cls);
                    groups.Add($"person{person}");
                }

                person++;
                made += size;
            }
        }

        int[][] split = DataSplitter.StratifiedGroupKFold(labels, groups, folds, seed);
        Assert.Equal(folds, split.Length);
        AssertPartition(split, labels.Count);
        var foldOfGroup = new Dictionary<string, int>();
        for (int f = 0; f < folds; f++)
        {
            Assert.Equal(split[f].Order(), split[f]);
            foreach (int i in split[f])
            {
                Assert.Equal(f, foldOfGroup.TryGetValue(groups[i], out int seen) ? seen : foldOfGroup[groups[i]] = f);
            }

            for (int cls = 0; cls < 3; cls++)
            {
                double ideal = (double)labels.Count(l => l == cls) / folds;
                int actual = split[f].Count(i => labels[i] == cls);
                Assert.True(Math.Abs(actual - ideal) <= Math.Max(3, 0.1 * ideal), $"fold {f}, class {cls}: {actual}, ideal {ideal}");
            }
        }

        Assert.Equal(split, DataSplitter.StratifiedGroupKFold(labels, groups, folds, seed));
        Assert.NotEqual(split, DataSplitter.StratifiedGroupKFold(labels, groups, folds, seed + 1));
    }

    [Fact]
    public void GroupedFoldsWithMixedClassGroups()
    {
        // Each group has one sample of each of two classes: folds can still be perfectly balanced.
        int[] labels = [.. Enumerable.Range(0, 40).Select(i => i % 2)];
        string[] groups = [.. Enumerable.Range(0, 40).Select(i => $"g{i / 2}")];
        int[][] split = DataSplitter.StratifiedGroupKFold(labels, groups, 4, 3);
        AssertPartition(split, labels.Length);
        Assert.All(split, f => Assert.Equal(10, f.Length));
        Assert.All(split, f => Assert.Equal(5, f.Count(i => labels[i] == 1)));
    }

    [Fact]
    public void GroupedFoldsNeedEnoughGroupsAndClassMembers()
    {
        int[] labels = [0, 0, 0, 1, 1, 1];
        int[][] split = DataSplitter.StratifiedGroupKFold(labels, ["a", "a", "b", "b", "c", "c"], 3, 0);
        Assert.Equal([[0, 1], [2, 3], [4, 5]], split.OrderBy(f => f[0]));
        var e = Assert.Throws<FaceMaskException>(() => DataSplitter.StratifiedGroupKFold(labels, ["a", "a", "a", "b", "b", "b"], 3, 0));
        Assert.Contains("only 2 groups, fewer than the 3 folds", e.Message);
        e = Assert.Throws<FaceMaskException>(() => DataSplitter.StratifiedGroupKFold(labels, Groups(6, 6), 4, 0, ["mask", "no_mask"]));
        Assert.Contains("class 'mask' has 3 images, fewer than the 4 folds", e.Message);
        Assert.Throws<ArgumentException>(() => DataSplitter.StratifiedGroupKFold(labels, ["a"], 2, 0));
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    public void HoldoutTakesTheFractionOfEachClass(double fraction)
    {
        (int[] train, int[] test) = DataSplitter.StratifiedHoldout(Labels, fraction, 5);
        AssertPartition([train, test], Labels.Length);
        Assert.Equal(train.Order(), train);
        Assert.Equal(test.Order(), test);
        foreach (int cls in Labels.Distinct())
        {
            int n = Labels.Count(l => l == cls);
            int expected = (int)Math.Round(fraction * n, MidpointRounding.ToEven);
            Assert.Equal(expected, test.Count(i => Labels[i] == cls));
        }
    }

    [Fact]
    public void HoldoutKeepsAtLeastOneOnEachSideAndDependsOnTheSeed()
    {
        int[] labels = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 2];
        (int[] train, int[] test) = DataSplitter.StratifiedHoldout(labels, 0.01, 1);
        Assert.Equal(1, test.Count(i => labels[i] == 1));
        Assert.Equal(1, test.Count(i => labels[i] == 2));
        (train, test) = DataSplitter.StratifiedHoldout(labels, 0.99, 1);
        Assert.Equal(1, train.Count(i => labels[i] == 1));
        Assert.Equal(1, train.Count(i => labels[i] == 0));

        Assert.Equal(DataSplitter.StratifiedHoldout(Labels, 0.3, 9).Test, DataSplitter.StratifiedHoldout(Labels, 0.3, 9).Test);
        Assert.NotEqual(DataSplitter.StratifiedHoldout(Labels, 0.3, 9).Test, DataSplitter.StratifiedHoldout(Labels, 0.3, 10).Test);
        Assert.Throws<FaceMaskException>(() => DataSplitter.StratifiedHoldout(Labels, 0.0, 1));
        Assert.Throws<FaceMaskException>(() => DataSplitter.StratifiedHoldout(Labels, 1.0, 1));
        Assert.Throws<FaceMaskException>(() => DataSplitter.StratifiedHoldout(Labels, double.NaN, 1));
    }

    [Fact]
    public void ComplementIsTheSortedRest()
    {
        Assert.Equal([0, 2, 4, 5], DataSplitter.Complement([3, 1], 6));
        Assert.Equal([0, 1, 2], DataSplitter.Complement([], 3));
        Assert.Empty(DataSplitter.Complement([0, 1], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplitter.Complement([6], 6));
    }

    private static void AssertPartition(int[][] parts, int count)
    {
        int[] all = parts.SelectMany(p => p).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, count), all);
    }

    private static int[] MakeLabels(int[] counts)
    {
        var labels = new List<int>();
        var left = (int[])counts.Clone();
        while (left.Any(n => n > 0))
        {
            for (int c = 0; c < left.Length; c++)
            {
                if (left[c] > 0)
                {
                    labels.Add(c);
                    left[c]--;
                }
            }
        }

        return labels.ToArray();
    }

    private static string[] Groups(int count, int distinct) =>
        Enumerable.Range(0, count).Select(i => $"g{i % distinct}").ToArray();
}
