using System.Globalization;
using System.Text;

namespace FaceMask.Evaluation;

/// <summary>Renders a <see cref="ConfusionMatrix"/> as an aligned plain-text table.</summary>
internal static class ConfusionMatrixText
{
    /// <summary>The corner cell: rows are true classes, columns predicted classes.</summary>
    public const string Corner = "true \\ pred";

    /// <summary>
    /// One line per true class (its label left-aligned, then its counts right-aligned under the predicted
    /// class labels), after a header line of predicted labels with <see cref="Corner"/> in the corner.
    /// Columns are separated by two spaces; every line ends with a newline and has no trailing spaces.
    /// </summary>
    public static string Format(ConfusionMatrix m)
    {
        ArgumentNullException.ThrowIfNull(m);
        int k = m.Count;
        int[][] counts = m.ToArray();
        int firstWidth = Math.Max(PythonText.Length(Corner), m.Labels.Max(PythonText.Length));
        var widths = new int[k];
        for (int p = 0; p < k; p++)
        {
            widths[p] = PythonText.Length(m.Labels[p]);
            for (int t = 0; t < k; t++)
            {
                widths[p] = Math.Max(widths[p], Cell(counts[t][p]).Length);
            }
        }

        var sb = new StringBuilder();
        var line = new StringBuilder();
        line.Append(PythonText.Left(Corner, firstWidth));
        for (int p = 0; p < k; p++)
        {
            line.Append("  ").Append(PythonText.Right(m.Labels[p], widths[p]));
        }

        sb.Append(line.ToString().TrimEnd()).Append('\n');
        for (int t = 0; t < k; t++)
        {
            line.Clear();
            line.Append(PythonText.Left(m.Labels[t], firstWidth));
            for (int p = 0; p < k; p++)
            {
                line.Append("  ").Append(PythonText.Right(Cell(counts[t][p]), widths[p]));
            }

            sb.Append(line.ToString().TrimEnd()).Append('\n');
        }

        return sb.ToString();
    }

    private static string Cell(int count) => count.ToString(CultureInfo.InvariantCulture);
}
