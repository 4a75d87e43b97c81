using FaceMask.Video;
using Xunit;

namespace FaceMask.Tests.Video;

public sealed class HungarianAlgorithmTests
{
    [Fact]
    public void SolvesAKnownSquareProblem()
    {
        // the classic example: the optimum 0→1, 1→0, 2→2 costs 1 + 2 + 2 = 5 (the greedy row minima 0→1, 1→1 clash)
        var cost = new double[,] { { 4, 1, 3 }, { 2, 0, 5 }, { 3, 2, 2 } };
        Assert.Equal([1, 0, 2], HungarianAlgorithm.Solve(cost));
    }

    [Fact]
    public void LeavesRowsUnassignedWhenThereAreFewerColumns()
    {
        var cost = new double[,] { { 0.9, 0.1 }, { 0.2, 0.8 }, { 0.05, 0.95 } };
        int[] assignment = HungarianAlgorithm.Solve(cost);
        Assert.Equal([1, -1, 0], assignment);
        Assert.Equal(2, assignment.Count(c => c >= 0));
        Assert.Equal(0.15, Total(cost, assignment), 9); // rows 0→1 (0.1) and 2→0 (0.05)
    }

    [Fact]
    public void EmptyMatricesGiveNoAssignment()
    {
        Assert.Equal([-1, -1], HungarianAlgorithm.Solve(new double[2, 0]));
        Assert.Empty(HungarianAlgorithm.Solve(new double[0, 3]));
    }

    [Fact]
    public void MatchesBruteForceOnRandomMatrices()
    {
        var random = new Random(16);
        for (int trial = 0; trial < 200; trial++)
        {
            int rows = random.Next(1, 6);
            int columns = random.Next(1, 6);
            var cost = new double[rows, columns];
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    cost[r, c] = Math.Round(random.NextDouble(), 3);
                }
            }

            int[] assignment = HungarianAlgorithm.Solve(cost);
            Assert.Equal(Math.Min(rows, columns), assignment.Count(c => c >= 0));
            Assert.Equal(assignment.Where(c => c >= 0).Count(), assignment.Where(c => c >= 0).Distinct().Count());
            Assert.Equal(BruteForce(cost), Total(cost, assignment), 9);
        }
    }

    private static double Total(double[,] cost, int[] assignment) =>
        assignment.Select((c, r) => c >= 0 ? cost[r, c] : 0).Sum();

    /// <summary>The least total cost over every way to match min(rows, columns) pairs.</summary>
    private static double BruteForce(double[,] cost)
    {
        int rows = cost.GetLength(0);
        int columns = cost.GetLength(1);
        double best = double.PositiveInfinity;
        void Search(int row, bool[] used, int matched, double sum)
        {
            if (row == rows)
            {
                if (matched == Math.Min(rows, columns))
                {
                    best = Math.Min(best, sum);
                }

                return;
            }

            Search(row + 1, used, matched, sum); // row left unmatched
            for (int c = 0; c < columns; c++)
            {
                if (!used[c])
                {
                    used[c] = true;
                    Search(row + 1, used, matched + 1, sum + cost[row, c]);
                    used[c] = false;
                }
            }
        }

        Search(0, new bool[columns], 0, 0);
        return best;
    }
}
