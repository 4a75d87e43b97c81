using FaceMask.Models;
using Xunit;

namespace FaceMask.Tests.Models;

public sealed class PriorCorrectionTests
{
    [Fact]
    public void StrengthOne_DividesByTheSharesAndRenormalises()
    {
        float[] p = [0.6f, 0.3f, 0.1f];
        double[] shares = [0.7, 0.2, 0.1];
        float[] corrected = PriorCorrection.Apply(p, shares, 1);

        double[] expected = [0.6 / 0.7, 0.3 / 0.2, 0.1 / 0.1];
        double sum = expected.Sum();
        for (int i = 0; i < p.Length; i++)
        {
            Assert.Equal(expected[i] / sum, corrected[i], 1e-6);
        }

        // the common class was on top; divided by its share it is not any more
        Assert.Equal(1, Array.IndexOf(corrected, corrected.Max()));
    }

    [Fact]
    public void StrengthHalf_IsTheSquareRootOfTheShares_AndZeroChangesNothing()
    {
        float[] p = [0.5f, 0.25f, 0.25f];
        double[] shares = [0.64, 0.32, 0.04];
        float[] half = PriorCorrection.Apply(p, shares, 0.5);
        double[] expected = [0.5 / 0.8, 0.25 / Math.Sqrt(0.32), 0.25 / 0.2];
        for (int i = 0; i < p.Length; i++)
        {
            Assert.Equal(expected[i] / expected.Sum(), half[i], 1e-6);
        }

        Assert.Equal(p, PriorCorrection.Apply(p, shares, 0));
        Assert.Equal(PriorCorrection.Apply(p, [0.1, 0.1, 0.1], 1), p); // equal shares: nothing to correct
    }

    [Fact]
    public void Undo_GivesBackTheNetworksProbabilities()
    {
        float[] p = [0.05f, 0.9f, 0.04f, 0.01f];
        double[] shares = [0.3, 0.5, 0.15, 0.05];
        float[] back = PriorCorrection.Undo(PriorCorrection.Apply(p, shares, 1), shares, 1);
        for (int i = 0; i < p.Length; i++)
        {
            Assert.Equal(p[i], back[i], 1e-6);
        }
    }

    [Fact]
    public void Shares_AreTheCountsOverTheirSum_AndAClassWithoutImagesIsRefused()
    {
        Assert.Equal([0.25, 0.75], PriorCorrection.Shares([10, 30], ["a", "b"]));
        var ex = Assert.Throws<FaceMaskException>(() => PriorCorrection.Shares([10, 0], ["a", "valve"]));
        Assert.Contains("'valve' has no training images", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PriorCorrection.Apply([0.5f, 0.5f], [1.0], 1));
    }

    [Fact]
    public void AManifestWithACorrectionButNoShareForAClass_IsRefusedNamingTheFile()
    {
        var settings = new CalibrationSettings { Temperature = 1, PriorCorrection = 1, ClassShares = new Dictionary<string, double> { ["a"] = 0.5 } };
        var ex = Assert.Throws<FaceMaskException>(() => settings.Validate("m/model.json", ["a", "b"]));
        Assert.Contains("m/model.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'b' has none", ex.Message, StringComparison.Ordinal);
        Assert.Throws<FaceMaskException>(() => (settings with { PriorCorrection = -1 }).Validate("m/model.json", ["a"]));
        (settings with { ClassShares = new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 0.5 } }).Validate("m/model.json", ["a", "b"]);
    }
}
