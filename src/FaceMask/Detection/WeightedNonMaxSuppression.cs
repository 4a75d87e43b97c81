namespace FaceMask.Detection;

/// <summary>
/// MediaPipe's weighted non-maximum suppression (the BlazeFace graphs' choice): repeatedly take the best remaining
/// candidate, gather every remaining candidate overlapping it by more than the IoU threshold, and replace the group by
/// its score-weighted mean box and keypoints, keeping the best score. Steadier boxes than plain NMS.
/// </summary>
internal static class WeightedNonMaxSuppression
{
    /// <summary>MediaPipe's suppression threshold for BlazeFace.</summary>
    public const float DefaultIouThreshold = 0.3f;

    /// <summary>Merges overlapping candidates; the result is sorted by score, best first.</summary>
    /// <param name="candidates">Decoded candidates (any order).</param>
    /// <param name="iouThreshold">Candidates overlapping the group's best by more than this join the group.</param>
    public static List<FaceCandidate> Apply(IEnumerable<FaceCandidate> candidates, float iouThreshold = DefaultIouThreshold)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var remaining = candidates.OrderByDescending(c => c.Score).ToList();
        var result = new List<FaceCandidate>();
        while (remaining.Count > 0)
        {
            FaceCandidate best = remaining[0];
            var group = new List<FaceCandidate>();
            var rest = new List<FaceCandidate>();
            foreach (FaceCandidate c in remaining)
            {
                (ReferenceEquals(c, best) || best.IntersectionOverUnion(c) > iouThreshold ? group : rest).Add(c);
            }

            result.Add(Blend(group, best.Score));
            remaining = rest;
        }

        return result;
    }

    private static FaceCandidate Blend(List<FaceCandidate> group, float score)
    {
        if (group.Count == 1)
        {
            return group[0];
        }

        float total = 0, cx = 0, cy = 0, w = 0, h = 0;
        var keypoints = new float[group[0].Keypoints.Length];
        foreach (FaceCandidate c in group)
        {
            total += c.Score;
            cx += c.CenterX * c.Score;
            cy += c.CenterY * c.Score;
            w += c.Width * c.Score;
            h += c.Height * c.Score;
            for (int k = 0; k < keypoints.Length; k++)
            {
                keypoints[k] += c.Keypoints[k] * c.Score;
            }
        }

        for (int k = 0; k < keypoints.Length; k++)
        {
            keypoints[k] /= total;
        }

        return new FaceCandidate(cx / total, cy / total, w / total, h / total, score, keypoints);
    }
}
