using FaceMask.Detection;
using Xunit;

namespace FaceMask.Tests.Detection;

public sealed class BlazeFaceDecoderTests
{
    private static readonly SsdAnchor[] Anchors = [new(0.25f, 0.5f, 1, 1), new(0.75f, 0.5f, 1, 1), new(0.5f, 0.5f, 0.5f, 0.5f)];

    [Fact]
    public void DecodesOffsetsSizesAndKeypointsRelativeToTheAnchor()
    {
        float[] scores = [2f, -3f, -200f];
        var boxes = new float[3 * 16];

        // anchor 0 (0.25, 0.5): centre moved by (+12.8, −25.6) px of a 128 px input, box 32×64 px
        float[] raw = [12.8f, -25.6f, 32f, 64f, 0, 0, 6.4f, 0, 0, 12.8f, 0, 0, 0, 0, -64f, 64f];
        raw.CopyTo(boxes, 0);

        List<FaceCandidate> found = BlazeFaceDecoder.Decode(scores, boxes, Anchors, 128, 0.5f);

        FaceCandidate face = Assert.Single(found);
        Assert.Equal(0.880797f, face.Score, 5); // sigmoid(2)
        Assert.Equal(0.35f, face.CenterX, 5);
        Assert.Equal(0.3f, face.CenterY, 5);
        Assert.Equal(0.25f, face.Width, 5);
        Assert.Equal(0.5f, face.Height, 5);
        Assert.Equal(12, face.Keypoints.Length);
        Assert.Equal(0.25f, face.Keypoints[0], 5);
        Assert.Equal(0.3f, face.Keypoints[2], 5);
        Assert.Equal(0.6f, face.Keypoints[5], 5);
        Assert.Equal(-0.25f, face.Keypoints[10], 5);
        Assert.Equal(1.0f, face.Keypoints[11], 5);
    }

    [Fact]
    public void ScalesByTheAnchorSizeAndKeepsScoresAtTheThreshold()
    {
        float[] scores = [-10f, 0f, 0f];
        var boxes = new float[3 * 16];
        boxes[32] = 25.6f; // anchor 2, half-size: 25.6 / 128 × 0.5 = 0.1
        boxes[34] = 128f;  // width 1 × 0.5

        List<FaceCandidate> found = BlazeFaceDecoder.Decode(scores, boxes, Anchors, 128, 0.5f);

        Assert.Equal(2, found.Count); // sigmoid(0) = 0.5 reaches 0.5
        Assert.Equal(0.6f, found[1].CenterX, 5);
        Assert.Equal(0.5f, found[1].Width, 5);
    }

    [Fact]
    public void ClipsHugeLogitsAndRejectsMismatchedOutputs()
    {
        float[] scores = [float.MaxValue, -1e30f, 1e30f];
        List<FaceCandidate> found = BlazeFaceDecoder.Decode(scores, new float[48], Anchors, 128, 0.99f);
        Assert.Equal(2, found.Count);
        Assert.All(found, f => Assert.False(float.IsNaN(f.Score)));

        Assert.Throws<ArgumentException>(() => BlazeFaceDecoder.Decode(new float[2], new float[48], Anchors, 128, 0.5f));
        Assert.Throws<ArgumentException>(() => BlazeFaceDecoder.Decode(new float[3], new float[47], Anchors, 128, 0.5f));
    }
}
