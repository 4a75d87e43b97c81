using FaceMask.Calibration;
using FaceMask.Protocols;
using Xunit;

namespace FaceMask.Tests.Calibration;

/// <summary>Reliability bins and ECE on a small example computed by hand.</summary>
public sealed class ReliabilityDiagramTests
{
    // confidence 0.90 right and 0.92 wrong share bin 13 [0.867, 0.933): mean 0.91, accuracy 0.5, gap 0.41;
    // 0.70 right is alone in bin 10 [0.667, 0.733): gap 0.30; 0.55 right is alone in bin 8 [0.533, 0.6): gap 0.45.
    // ECE = 2/4 · 0.41 + 1/4 · 0.30 + 1/4 · 0.45 = 0.3925.
    private static readonly PredictionRow[] Rows =
    [
        SyntheticPredictions.Binary(0.90, right: true),
        SyntheticPredictions.Binary(0.92, right: false),
        SyntheticPredictions.Binary(0.70, right: true),
        SyntheticPredictions.Binary(0.55, right: true),
    ];

    [Fact]
    public void BinsCountConfidenceAndAccuracy()
    {
        var bins = ReliabilityDiagram.Bins(Rows);

        Assert.Equal(15, bins.Count);
        Assert.Equal(4, bins.Sum(b => b.Count));
        Assert.Equal([8, 10, 13], bins.Select((b, i) => (b, i)).Where(x => x.b.Count > 0).Select(x => x.i));
        Assert.Equal(2, bins[13].Count);
        Assert.Equal(0.91, bins[13].Confidence!.Value, 6);
        Assert.Equal(0.5, bins[13].Accuracy!.Value, 12);
        Assert.Equal(0.70, bins[10].Confidence!.Value, 6);
        Assert.Equal(1.0, bins[10].Accuracy!.Value, 12);
        Assert.Equal(13 / 15.0, bins[13].Lower, 12);
        Assert.Equal(14 / 15.0, bins[13].Upper, 12);
        Assert.Null(bins[0].Confidence);
        Assert.Null(bins[0].Accuracy);
    }

    [Fact]
    public void EceIsTheWeightedGap()
    {
        Assert.Equal(0.3925, ReliabilityDiagram.ExpectedCalibrationError(ReliabilityDiagram.Bins(Rows)), 6);
    }

    [Fact]
    public void ConfidenceOneFallsInTheLastBinAndAPerfectlyCalibratedBinHasNoGap()
    {
        PredictionRow[] rows =
        [
            SyntheticPredictions.Binary(1.0, right: true),
            SyntheticPredictions.Binary(0.75, right: true),
            SyntheticPredictions.Binary(0.75, right: true),
            SyntheticPredictions.Binary(0.75, right: true),
            SyntheticPredictions.Binary(0.75, right: false),
        ];

        var bins = ReliabilityDiagram.Bins(rows);

        Assert.Equal(1, bins[14].Count);
        Assert.Equal(4, bins[11].Count); // 0.75 · 15 = 11.25
        Assert.Equal(0, ReliabilityDiagram.ExpectedCalibrationError(bins), 6);
    }

    [Fact]
    public void BrierScoreOfTheExample()
    {
        // (0.1² + 0.1²) + (0.92² + 0.92²) + (0.3² + 0.3²) + (0.45² + 0.45²), over 4
        double expected = 2 * ((0.01) + (0.92 * 0.92) + (0.09) + (0.45 * 0.45)) / 4;

        Assert.Equal(expected, BrierScore.Compute(Rows), 6);
    }
}
