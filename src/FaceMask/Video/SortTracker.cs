using FaceMask.Detection;

namespace FaceMask.Video;

/// <summary>
/// SORT (Bewley et al., 2016, "Simple Online and Realtime Tracking"): every track's box is predicted one frame on by
/// a constant-velocity Kalman filter (<see cref="KalmanBoxFilter"/>); on frames with detections, detections are given
/// to tracks by the Hungarian algorithm on 1 − IoU between predicted and detected boxes, pairs overlapping less than
/// <see cref="TrackerSettings.MinIou"/> are refused, unmatched detections start new tracks, and tracks left without a
/// detection for too long end. A track counts as a person once it has <see cref="TrackerSettings.MinHits"/> detections;
/// a track that misses a detection before that is dropped (a false alarm).
/// </summary>
internal sealed class SortTracker(TrackerSettings settings)
{
    private readonly List<FaceTrack> live = [];
    private readonly List<FaceTrack> all = [];

    /// <summary>Tracks still followed.</summary>
    public IReadOnlyList<FaceTrack> Live => live;

    /// <summary>Every track ever started, in order of id.</summary>
    public IReadOnlyList<FaceTrack> All => all;

    public TrackerSettings Settings { get; } = settings;

    /// <summary>Whether a track counts as a person.</summary>
    public bool IsConfirmed(FaceTrack track) => track.Hits >= Settings.MinHits;

    /// <summary>Moves every live track's prediction one frame on (call once per frame, before <see cref="Associate"/>).</summary>
    public void Predict()
    {
        foreach (FaceTrack track in live)
        {
            track.Predict();
        }
    }

    /// <summary>Gives the detections of <paramref name="frame"/> to tracks; returns every detection's track.</summary>
    public IReadOnlyList<TrackMatch> Associate(int frame, IReadOnlyList<DetectedFace> detections)
    {
        ArgumentNullException.ThrowIfNull(detections);
        var matches = new List<TrackMatch>(detections.Count);
        var cost = new double[live.Count, detections.Count];
        for (int t = 0; t < live.Count; t++)
        {
            for (int d = 0; d < detections.Count; d++)
            {
                cost[t, d] = 1 - BoxOverlap.IoU(live[t].Box, detections[d].Box);
            }
        }

        int[] assignment = HungarianAlgorithm.Solve(cost);
        var taken = new bool[detections.Count];
        for (int t = 0; t < live.Count; t++)
        {
            int d = assignment[t];
            if (d >= 0 && 1 - cost[t, d] >= Settings.MinIou)
            {
                live[t].Update(frame, detections[d]);
                taken[d] = true;
                matches.Add(new TrackMatch(live[t], detections[d], Started: false));
            }
        }

        // Tracks that missed this detection: unconfirmed ones are dropped at once, confirmed ones after MaxMissedFrames.
        live.RemoveAll(t => t.FramesSinceUpdate > 0 && (!IsConfirmed(t) || t.FramesSinceUpdate > Settings.MaxMissedFrames));
        for (int d = 0; d < detections.Count; d++)
        {
            if (!taken[d])
            {
                var track = new FaceTrack(all.Count + 1, frame, detections[d]);
                live.Add(track);
                all.Add(track);
                matches.Add(new TrackMatch(track, detections[d], Started: true));
            }
        }

        return matches;
    }
}
