using FaceMask.Evaluation;
using Xunit;

namespace FaceMask.Tests.Evaluation;

public sealed class ConfusionMatrixTests
{
    private static readonly string[] Labels = ["cloth", "n95", "surgical"];

    // truth:     0 0 0 0 1 1 1 2 2
    // predicted: 0 0 1 2 1 1 0 1 1
    private static readonly int[] Truth = [0, 0, 0, 0, 1, 1, 1, 2, 2];
    private static readonly int[] Predicted = [0, 0, 1, 2, 1, 1, 0, 1, 1];

    [Fact]
    public void CountsRowsByTruthAndColumnsByPrediction()
    {
        var m = ConfusionMatrix.FromPredictions(Truth, Predicted, Labels);
        int[][] expected = [[2, 1, 1], [1, 2, 0], [0, 2, 0]];
        Assert.Equal(expected, m.ToArray());
        Assert.Equal(1, m[0, 2]);
        Assert.Equal(2, m[2, 1]);
        Assert.Equal(Labels, m.Labels);
        Assert.Equal(9, m.Total);
        Assert.Equal(4, m.Trace());
        Assert.Equal(4, m.RowSum(0));
        Assert.Equal(5, m.ColumnSum(1));
    }

    [Fact]
    public void ToArrayIsACopy()
    {
        var m = ConfusionMatrix.FromPredictions(Truth, Predicted, Labels);
        m.ToArray()[0][0] = 99;
        Assert.Equal(2, m[0, 0]);
    }

    [Fact]
    public void RowNormalizedRowsSumToOneAndEmptyRowsStayZero()
    {
        var m = ConfusionMatrix.FromPredictions([0, 0, 0, 2], [0, 1, 1, 2], Labels);
        double[][] rows = m.RowNormalized();
        Assert.Equal(1.0 / 3, rows[0][0], 15);
        Assert.Equal(2.0 / 3, rows[0][1], 15);
        Assert.Equal(1.0, rows[0].Sum(), 12);
        Assert.Equal([0.0, 0.0, 0.0], rows[1]);
        Assert.Equal([0.0, 0.0, 1.0], rows[2]);
    }

    [Fact]
    public void MostConfusedPairsAreOffDiagonalLargestFirst()
    {
        var m = ConfusionMatrix.FromPredictions(Truth, Predicted, Labels);
        var pairs = m.MostConfusedPairs(3).ToArray();
        Assert.Equal([(2, 1, 2), (0, 1, 1), (0, 2, 1)], pairs);
        Assert.Equal(4, m.MostConfusedPairs(10).Count()); // zero cells are not confusions
        Assert.Empty(m.MostConfusedPairs(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.MostConfusedPairs(-1));
    }

    [Fact]
    public void RejectsMismatchedOrOutOfRangeInput()
    {
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.FromPredictions([0, 1], [0], Labels));
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.FromPredictions([0, 3], [0, 0], Labels));
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.FromPredictions([0, 0], [0, -1], Labels));
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.FromPredictions([], [], []));
        var m = ConfusionMatrix.FromPredictions(Truth, Predicted, Labels);
        Assert.Throws<ArgumentOutOfRangeException>(() => m[3, 0]);
    }

    [Fact]
    public void FromCountsRoundTrips()
    {
        int[][] counts = [[5, 1], [0, 3]];
        var m = ConfusionMatrix.FromCounts(counts, ["mask", "no_mask"]);
        Assert.Equal(counts, m.ToArray());
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.FromCounts([[1, 2]], ["mask", "no_mask"]));
    }

    [Fact]
    public void TextTableIsAlignedWithCornerLabel()
    {
        var m = ConfusionMatrix.FromCounts([[120, 3, 0], [7, 45, 1], [0, 2, 1000]], ["cloth", "n95", "surgical"]);
        string expected =
            "true \\ pred  cloth  n95  surgical\n" +
            "cloth          120    3         0\n" +
            "n95              7   45         1\n" +
            "surgical         0    2      1000\n";
        Assert.Equal(expected, ConfusionMatrixText.Format(m));
    }

    [Fact]
    public void TextTableWidensColumnsForLongLabelsAndCounts()
    {
        var m = ConfusionMatrix.FromCounts([[123456, 0], [1, 2]], ["a", "surgical_with_valve"]);
        string[] lines = ConfusionMatrixText.Format(m).Split('\n');
        Assert.Equal("true \\ pred               a  surgical_with_valve", lines[0]);
        Assert.Equal("a                    123456                    0", lines[1]);
        Assert.Equal("surgical_with_valve       1                    2", lines[2]);
        Assert.Equal(string.Empty, lines[3]);
    }
}
