using FaceMask.Cleaning;
using Xunit;

namespace FaceMask.Tests.Cleaning;

public sealed class ConfidentLearningTests
{
    [Fact]
    public void ThresholdsAreTheMeanSelfConfidencePerClass()
    {
        float[][] p = [[0.9f, 0.1f], [0.7f, 0.3f], [0.2f, 0.8f], [0.4f, 0.6f]];
        double[] t = ConfidentLearning.Thresholds(p, [0, 0, 1, 1], 2);
        Assert.Equal(0.8, t[0], 6);
        Assert.Equal(0.7, t[1], 6);
    }

    [Fact]
    public void AnImageConfidentlyInAnotherClassIsFlaggedAndAnUnsureOneIsKept()
    {
        // Class 0 threshold: mean(0.9, 0.9, 0.1) = 0.633; class 1: mean(0.8, 0.8, 0.5) = 0.7.
        float[][] p = [[0.9f, 0.1f], [0.9f, 0.1f], [0.1f, 0.9f], [0.2f, 0.8f], [0.2f, 0.8f], [0.5f, 0.5f]];
        int[] given = [0, 0, 0, 1, 1, 1];
        int[] confident = ConfidentLearning.ConfidentClasses(p, given, 2);
        Assert.Equal([0, 0, 1, 1, 1, -1], confident);
    }

    [Fact]
    public void OfTwoConfidentClassesTheMoreProbableWins()
    {
        // Thresholds: class 0 0.5, class 1 0.3, class 2 0.4; image 3 (labelled 0) passes classes 1 and 2, 2 is higher.
        float[][] p = [[0.5f, 0.2f, 0.3f], [0.3f, 0.3f, 0.4f], [0.3f, 0.3f, 0.4f], [0.2f, 0.35f, 0.45f]];
        int[] given = [0, 1, 2, 0];
        Assert.Equal(2, ConfidentLearning.ConfidentClasses(p, given, 3)[3]);
    }
}
