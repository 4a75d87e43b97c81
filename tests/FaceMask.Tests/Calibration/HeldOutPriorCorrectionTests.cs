using FaceMask.Calibration;
using FaceMask.Models;
using FaceMask.Protocols;
using Xunit;

namespace FaceMask.Tests.Calibration;

public sealed class HeldOutPriorCorrectionTests
{
    private static readonly string[] Classes = ["a", "b"];

    [Fact]
    public void KFoldPredictions_AreCorrectedWithTheirOwnFoldsTrainingShares()
    {
        // fold 1 holds 1 a and 3 b; fold 2 holds 3 a and 1 b: fold 1's model trained on 3 a + 1 b, fold 2's on 1 a + 3 b
        float[] p = [0.6f, 0.4f];
        var rows = new List<PredictionRow>
        {
            new("f1-a", 0, 0, p, 1), new("f1-b1", 1, 0, p, 1), new("f1-b2", 1, 0, p, 1), new("f1-b3", 1, 0, p, 1),
            new("f2-a1", 0, 0, p, 2), new("f2-a2", 0, 0, p, 2), new("f2-a3", 0, 0, p, 2), new("f2-b", 1, 0, p, 2),
        };

        var (corrected, effect) = HeldOutPriorCorrection.Apply(rows, Classes, [0.5, 0.5], 1.0);

        Assert.True(effect.PerFoldShares);
        Assert.Equal(PriorCorrection.Apply(p, [0.75, 0.25], 1), corrected[0].Probabilities);
        Assert.Equal(PriorCorrection.Apply(p, [0.25, 0.75], 1), corrected[4].Probabilities);
        Assert.All(corrected.Take(4), r => Assert.Equal(1, r.Predicted)); // 0.6/0.75 < 0.4/0.25
        Assert.All(corrected.Skip(4), r => Assert.Equal(0, r.Predicted));
        Assert.Equal(4 / 8.0, effect.AccuracyBefore);
        Assert.Equal(6 / 8.0, effect.AccuracyAfter);
        Assert.Equal(0.5, effect.MacroRecallBefore);
        Assert.Equal(0.75, effect.MacroRecallAfter);
        Assert.Equal(1.0, effect.RecallBefore["a"]);
        Assert.Equal(0.75, effect.RecallAfter["a"]);
        Assert.Equal(0.75, effect.RecallAfter["b"]);
    }

    [Fact]
    public void OtherPredictions_UseTheModelsShares()
    {
        float[] p = [0.7f, 0.3f];
        var rows = new List<PredictionRow> { new("x", 0, 0, p), new("y", 1, 0, p) };
        var (corrected, effect) = HeldOutPriorCorrection.Apply(rows, Classes, [0.8, 0.2], 1.0);
        Assert.False(effect.PerFoldShares);
        Assert.All(corrected, r => Assert.Equal(PriorCorrection.Apply(p, [0.8, 0.2], 1), r.Probabilities));
        Assert.All(corrected, r => Assert.Equal(1, r.Predicted));
    }

    [Fact]
    public void AFoldWhoseTrainingLacksAClass_IsRefusedNamingTheFold()
    {
        float[] p = [0.5f, 0.5f];
        // fold 1's model trained on fold 2 only, which has no 'a'
        var rows = new List<PredictionRow> { new("x", 0, 0, p, 1), new("y", 1, 0, p, 2), new("z", 1, 0, p, 2) };
        var ex = Assert.Throws<FaceMaskException>(() => HeldOutPriorCorrection.Apply(rows, Classes, [0.5, 0.5], 1.0));
        Assert.StartsWith("fold 1: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'a' has no training images", ex.Message, StringComparison.Ordinal);
    }
}
