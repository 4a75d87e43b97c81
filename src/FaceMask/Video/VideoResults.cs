using FaceMask.Inference;

namespace FaceMask.Video;

/// <summary>
/// Turns a tracker's tracks into the answer: confirmed tracks become people (numbered from 1 in order of appearance),
/// each labelled by its vote; unique people per class; the per-second timeline; the speed.
/// </summary>
internal static class VideoResults
{
    public static VideoAnalysis Build(VideoRun run, IReadOnlyList<string> classes, CalibrationInEffect calibration)
    {
        double fps = run.Info.FramesPerSecond;
        var people = run.Tracker.All.Where(t => run.Tracker.IsConfirmed(t) && t.Samples.Count > 0).OrderBy(t => t.FirstFrame).ThenBy(t => t.Id).ToArray();
        var number = new Dictionary<int, int>();
        var tracks = new List<VideoTrack>(people.Length);
        foreach (FaceTrack track in people)
        {
            number[track.Id] = tracks.Count + 1;
            var (label, probabilities, unsure) = TrackVote.Vote(track.Samples, classes, calibration);
            tracks.Add(new VideoTrack(
                tracks.Count + 1,
                label,
                probabilities,
                unsure,
                track.FirstFrame / fps,
                track.LastDetectedFrame / fps,
                track.Hits,
                track.Samples.Count,
                track.BestFace.Box,
                track.BestFaceFrame / fps));
        }

        var boxes = run.Boxes.Where(b => number.ContainsKey(b.TrackId)).Select(b => b with { TrackId = number[b.TrackId] }).ToArray();
        long frames = run.Outcome.Frames;
        double seconds = run.Elapsed.TotalSeconds;
        return new VideoAnalysis(
            run.Path,
            run.Model,
            run.Info.Width,
            run.Info.Height,
            fps,
            frames / fps,
            frames,
            run.DetectEvery,
            run.Outcome.Complete,
            run.Outcome.Complete ? null : $"the stream stopped after {frames} frames ({VideoFrameReader.Describe(run.Outcome.Problem ?? "unknown error")}); the results cover those frames",
            calibration.UnsureBelow,
            tracks,
            Counts(tracks, classes),
            tracks.Count(t => t.Unsure),
            Timeline(tracks, boxes, frames, fps, classes),
            new VideoSpeed(seconds, seconds > 0 ? frames / seconds : 0, seconds > 0 ? frames / fps / seconds : 0, run.Detections, run.Classifications))
        {
            Boxes = boxes,
        };
    }

    /// <summary>Sure tracks per class (every class listed, in the model's order).</summary>
    internal static IReadOnlyDictionary<string, int> Counts(IEnumerable<VideoTrack> tracks, IReadOnlyList<string> classes)
    {
        var counts = classes.ToDictionary(c => c, _ => 0);
        foreach (VideoTrack track in tracks.Where(t => !t.Unsure))
        {
            counts[track.Label]++;
        }

        return counts;
    }

    /// <summary>For each second, the tracks with a box on any of its frames.</summary>
    internal static IReadOnlyList<VideoSecond> Timeline(IReadOnlyList<VideoTrack> tracks, IReadOnlyList<TrackedBox> boxes, long frames, double fps, IReadOnlyList<string> classes)
    {
        int secondCount = (int)Math.Ceiling(frames / fps);
        var present = Enumerable.Range(0, secondCount).Select(_ => new HashSet<int>()).ToArray();
        foreach (TrackedBox box in boxes)
        {
            int second = Math.Min(secondCount - 1, (int)(box.Frame / fps));
            present[second].Add(box.TrackId);
        }

        var byId = tracks.ToDictionary(t => t.Id);
        return present.Select((ids, s) =>
        {
            var shown = ids.Select(id => byId[id]).ToArray();
            return new VideoSecond(s, shown.Length, Counts(shown, classes), shown.Count(t => t.Unsure));
        }).ToArray();
    }
}
