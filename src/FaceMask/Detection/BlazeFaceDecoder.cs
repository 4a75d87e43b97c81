namespace FaceMask.Detection;

/// <summary>
/// Turns BlazeFace's raw outputs into scored boxes the way MediaPipe's TensorsToDetectionsCalculator does for it:
/// score = sigmoid(logit clipped to ±100); per anchor 16 values — box centre offset x, y, width, height, then six
/// keypoints (x, y) — each divided by the input size, scaled by the anchor size and (centres) added to the anchor centre.
/// </summary>
internal static class BlazeFaceDecoder
{
    /// <summary>Values per anchor in the box output.</summary>
    public const int ValuesPerAnchor = 16;

    /// <summary>Keypoints per face.</summary>
    public const int KeypointCount = 6;

    private const float ScoreClip = 100f;

    /// <summary>Decodes every anchor whose score reaches <paramref name="threshold"/>.</summary>
    /// <param name="scores">One logit per anchor.</param>
    /// <param name="boxes"><see cref="ValuesPerAnchor"/> values per anchor.</param>
    /// <param name="anchors">The anchors, in output order.</param>
    /// <param name="inputSize">Model input side in pixels (the raw values are in input pixels).</param>
    /// <param name="threshold">Lowest score kept.</param>
    public static List<FaceCandidate> Decode(ReadOnlySpan<float> scores, ReadOnlySpan<float> boxes, IReadOnlyList<SsdAnchor> anchors, int inputSize, float threshold)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        if (scores.Length != anchors.Count || boxes.Length != anchors.Count * ValuesPerAnchor)
        {
            throw new ArgumentException($"expected {anchors.Count} scores and {anchors.Count * ValuesPerAnchor} box values, got {scores.Length} and {boxes.Length}");
        }

        var result = new List<FaceCandidate>();
        float scale = inputSize;
        for (int i = 0; i < anchors.Count; i++)
        {
            float score = Sigmoid(Math.Clamp(scores[i], -ScoreClip, ScoreClip));
            if (score < threshold)
            {
                continue;
            }

            SsdAnchor anchor = anchors[i];
            ReadOnlySpan<float> raw = boxes.Slice(i * ValuesPerAnchor, ValuesPerAnchor);
            var keypoints = new float[2 * KeypointCount];
            for (int k = 0; k < KeypointCount; k++)
            {
                keypoints[2 * k] = (raw[4 + (2 * k)] / scale * anchor.Width) + anchor.X;
                keypoints[(2 * k) + 1] = (raw[5 + (2 * k)] / scale * anchor.Height) + anchor.Y;
            }

            result.Add(new FaceCandidate(
                (raw[0] / scale * anchor.Width) + anchor.X,
                (raw[1] / scale * anchor.Height) + anchor.Y,
                raw[2] / scale * anchor.Width,
                raw[3] / scale * anchor.Height,
                score,
                keypoints));
        }

        return result;
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
}
