using FaceMask.Bias;
using FaceMask.Reporting;
using Xunit;

namespace FaceMask.Tests.Bias;

public sealed class BiasSupportTests
{
    [Fact]
    public void PercentileMatchesNumpyLinear()
    {
        // np.percentile([1, 2, 3, 4, 10], [2.5, 97.5]) == [1.1, 9.4]
        double[] values = [10, 3, 1, 4, 2, double.NaN];
        var (lo, hi) = Percentile.Interval(values, 0.95);
        Assert.Equal(1.1, lo, 12);
        Assert.Equal(9.4, hi, 12);
    }

    [Fact]
    public void CountMetricsAgreeWithTheClassificationReport()
    {
        int[] truth = [0, 0, 0, 1, 1, 2, 2, 2, 2];
        int[] pred = [0, 1, 1, 1, 2, 2, 2, 0, 2];
        var report = FaceMask.Evaluation.ClassificationReport.Compute(truth, pred, ["a", "b", "c", "d"]);
        var counts = new int[16];
        for (int i = 0; i < truth.Length; i++)
        {
            counts[(truth[i] * 4) + pred[i]]++;
        }

        var v = new double[CountMetrics.Length(4)];
        CountMetrics.Compute(counts, 4, v);
        Assert.Equal(report.Accuracy, v[CountMetrics.Accuracy], 14);
        Assert.Equal(report.Macro.Precision, v[CountMetrics.MacroPrecision], 14);
        Assert.Equal(report.Macro.Recall, v[CountMetrics.MacroRecall], 14);
        Assert.Equal(report.Macro.F1, v[CountMetrics.MacroF1], 14);
        Assert.Equal(report.PerClass[1].Recall, v[CountMetrics.Recall(1)], 14);
        Assert.True(double.IsNaN(v[CountMetrics.Tpr(4, 3)])); // class d has no samples
        Assert.Equal(1.0 / 6, v[CountMetrics.Fpr(4, 0)], 14); // one c predicted a, six non-a samples
    }

    [Fact]
    public void SlugsAreFileNameSafe()
    {
        Assert.Equal("gender_x_age", BiasText.Slug("gender × age"));
        Assert.Equal("bias_skin_tone.png", BiasPlotExporter.FileNameFor("Skin tone"));
    }

    [Fact]
    public void VerdictSaysWhenTheIntervalIncludesZero()
    {
        Assert.Contains("includes 0", BiasText.Verdict(new BiasDifference(0.02, -0.01, 0.05, true)), StringComparison.Ordinal);
        Assert.Contains("excludes 0", BiasText.Verdict(new BiasDifference(0.08, 0.03, 0.12, false)), StringComparison.Ordinal);
        Assert.Equal("+2.00 pp [-1.00, +5.00]", BiasText.Points(new BiasDifference(0.02, -0.01, 0.05, true)));
    }

    [Fact]
    public void PredictionsCsvRoundTrips()
    {
        string csv = "path,true,pred,p_a,p_b,fold\nx/1.jpg,a,b,0.4,0.6,1\n\"x/2,3.jpg\",b,b,0.1,0.9,2\n";
        var (labels, rows) = PredictionsCsvReader.Parse(new StringReader(csv), "predictions.csv");
        Assert.Equal(["a", "b"], labels);
        Assert.Equal(2, rows.Count);
        Assert.Equal(("x/1.jpg", 0, 1, 1), (rows[0].Path, rows[0].Truth, rows[0].Predicted, rows[0].Fold!.Value));
        Assert.Equal("x/2,3.jpg", rows[1].Path);
        var e = Assert.Throws<FaceMaskException>(() => PredictionsCsvReader.Parse(new StringReader("path,true,pred,p_a\nx,c,a,1\n"), "p.csv"));
        Assert.Contains("p.csv: line 2: unknown class 'c'", e.Message, StringComparison.Ordinal);
    }
}
