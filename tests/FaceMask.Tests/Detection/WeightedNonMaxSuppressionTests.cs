using FaceMask.Detection;
using Xunit;

namespace FaceMask.Tests.Detection;

public sealed class WeightedNonMaxSuppressionTests
{
    private static FaceCandidate Box(float cx, float cy, float side, float score, float keypoint = 0) =>
        new(cx, cy, side, side, score, Enumerable.Repeat(keypoint, 12).ToArray());

    [Fact]
    public void IntersectionOverUnionOfKnownBoxes()
    {
        // two 0.2-wide squares shifted by 0.1: intersection 0.1×0.2 = 0.02, union 0.04 + 0.04 − 0.02 = 0.06
        Assert.Equal(1f / 3, Box(0.5f, 0.5f, 0.2f, 1).IntersectionOverUnion(Box(0.6f, 0.5f, 0.2f, 1)), 5);
        Assert.Equal(0f, Box(0.2f, 0.2f, 0.1f, 1).IntersectionOverUnion(Box(0.8f, 0.8f, 0.1f, 1)));
        Assert.Equal(1f, Box(0.5f, 0.5f, 0.2f, 1).IntersectionOverUnion(Box(0.5f, 0.5f, 0.2f, 1)), 5);
    }

    [Fact]
    public void OverlappingDetectionsBlendIntoTheirScoreWeightedMean()
    {
        var merged = WeightedNonMaxSuppression.Apply([Box(0.52f, 0.5f, 0.2f, 0.6f, keypoint: 1), Box(0.5f, 0.5f, 0.2f, 0.9f, keypoint: 0)]);

        FaceCandidate face = Assert.Single(merged);
        Assert.Equal(0.9f, face.Score);
        Assert.Equal(((0.5f * 0.9f) + (0.52f * 0.6f)) / 1.5f, face.CenterX, 5);
        Assert.Equal(0.6f / 1.5f, face.Keypoints[0], 5);
    }

    [Fact]
    public void SeparateFacesStayAndComeBestFirst()
    {
        var faces = WeightedNonMaxSuppression.Apply([Box(0.2f, 0.2f, 0.1f, 0.7f), Box(0.8f, 0.8f, 0.1f, 0.95f), Box(0.5f, 0.5f, 0.1f, 0.8f)]);
        Assert.Equal([0.95f, 0.8f, 0.7f], faces.Select(f => f.Score));
        Assert.Equal(0.8f, faces[0].CenterX);
    }

    [Fact]
    public void OverlapBelowTheThresholdIsNotMerged()
    {
        // IoU 1/3 is above 0.3 but below 0.4
        FaceCandidate[] pair = [Box(0.5f, 0.5f, 0.2f, 0.9f), Box(0.6f, 0.5f, 0.2f, 0.8f)];
        Assert.Single(WeightedNonMaxSuppression.Apply(pair, 0.3f));
        Assert.Equal(2, WeightedNonMaxSuppression.Apply(pair, 0.4f).Count);
    }
}
