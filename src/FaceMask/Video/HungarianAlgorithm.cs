namespace FaceMask.Video;

/// <summary>
/// The Hungarian (Kuhn–Munkres) algorithm: the assignment of rows to columns with the least total cost, for a
/// rectangular cost matrix (each row gets at most one column and each column at most one row; with more rows than
/// columns some rows stay unassigned). O(n²·m) with the potentials formulation (Jonker–Volgenant style shortest
/// augmenting paths).
/// </summary>
internal static class HungarianAlgorithm
{
    /// <summary>For each row, the column assigned to it, or -1.</summary>
    /// <param name="cost">Finite costs, rows × columns.</param>
    public static int[] Solve(double[,] cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        int rows = cost.GetLength(0);
        int columns = cost.GetLength(1);
        if (rows == 0 || columns == 0)
        {
            return Enumerable.Repeat(-1, rows).ToArray();
        }

        // The algorithm below needs rows <= columns; solve the transpose otherwise.
        if (rows > columns)
        {
            var transposed = new double[columns, rows];
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    transposed[c, r] = cost[r, c];
                }
            }

            int[] byColumn = Solve(transposed);
            var result = Enumerable.Repeat(-1, rows).ToArray();
            for (int c = 0; c < columns; c++)
            {
                if (byColumn[c] >= 0)
                {
                    result[byColumn[c]] = c;
                }
            }

            return result;
        }

        // 1-based arrays: u, v potentials; p[j] the row matched to column j (0: none); way[j] the previous column on the path.
        var u = new double[rows + 1];
        var v = new double[columns + 1];
        var p = new int[columns + 1];
        var way = new int[columns + 1];
        for (int i = 1; i <= rows; i++)
        {
            p[0] = i;
            int j0 = 0;
            var minv = Enumerable.Repeat(double.PositiveInfinity, columns + 1).ToArray();
            var used = new bool[columns + 1];
            do
            {
                used[j0] = true;
                int i0 = p[j0];
                double delta = double.PositiveInfinity;
                int j1 = 0;
                for (int j = 1; j <= columns; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    double current = cost[i0 - 1, j - 1] - u[i0] - v[j];
                    if (current < minv[j])
                    {
                        minv[j] = current;
                        way[j] = j0;
                    }

                    if (minv[j] < delta)
                    {
                        delta = minv[j];
                        j1 = j;
                    }
                }

                for (int j = 0; j <= columns; j++)
                {
                    if (used[j])
                    {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minv[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (p[j0] != 0);

            do
            {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        var assignment = Enumerable.Repeat(-1, rows).ToArray();
        for (int j = 1; j <= columns; j++)
        {
            if (p[j] != 0)
            {
                assignment[p[j] - 1] = j - 1;
            }
        }

        return assignment;
    }
}
