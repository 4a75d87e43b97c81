using FaceMask.Detection;
using FaceMask.Inference;
using FaceMask.Video;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Video;

public sealed class SortTrackerTests
{
    private static readonly TrackerSettings Settings = new(MinIou: 0.3, MinHits: 3, MaxMissedFrames: 30);

    [Fact]
    public void KeepsEachIdentityWhileFacesPanAcross()
    {
        // three faces moving together 5 px per frame to the left (a camera pan), detected every third frame
        var tracker = new SortTracker(Settings);
        var idsOverTime = new List<int[]>();
        for (int frame = 0; frame < 150; frame++)
        {
            tracker.Predict();
            if (frame % 3 == 0)
            {
                var faces = new[] { 100f, 400f, 700f }.Select(x => Face(x + 900 - (5 * frame), 200, 80)).ToArray();
                var matches = tracker.Associate(frame, faces);
                idsOverTime.Add(matches.OrderBy(m => m.Face.Box.X).Select(m => m.Track.Id).ToArray());
            }
        }

        Assert.Equal(3, tracker.All.Count);
        Assert.All(idsOverTime, ids => Assert.Equal([1, 2, 3], ids));
        Assert.All(tracker.All, t => Assert.True(tracker.IsConfirmed(t)));
    }

    [Fact]
    public void CrossingFacesOfDifferentSizeKeepTheirTracks()
    {
        // a large face walking right and a small one walking left pass each other
        var tracker = new SortTracker(Settings);
        for (int frame = 0; frame < 90; frame++)
        {
            tracker.Predict();
            if (frame % 2 == 0)
            {
                var matches = tracker.Associate(frame, [Face(100 + (8 * frame), 200, 160), Face(900 - (8 * frame), 260, 60)]);
                Assert.Equal(1, matches.Single(m => m.Face.Box.Width > 100).Track.Id);
                Assert.Equal(2, matches.Single(m => m.Face.Box.Width < 100).Track.Id);
            }
        }
    }

    [Fact]
    public void AOneOffFalseAlarmNeverBecomesAPerson()
    {
        var tracker = new SortTracker(Settings);
        for (int frame = 0; frame < 30; frame++)
        {
            tracker.Predict();
            var faces = new List<DetectedFace> { Face(300, 300, 100) };
            if (frame == 9)
            {
                faces.Add(Face(50, 50, 40)); // seen once
            }

            tracker.Associate(frame, faces);
        }

        Assert.Equal(2, tracker.All.Count);
        Assert.Single(tracker.All, tracker.IsConfirmed);
        Assert.Single(tracker.Live);
    }

    [Fact]
    public void APersonGoneLongerThanTheLimitComesBackAsANewTrack()
    {
        var tracker = new SortTracker(Settings with { MaxMissedFrames = 10 });
        for (int frame = 0; frame < 60; frame++)
        {
            tracker.Predict();
            bool shown = frame < 20 || frame >= 40; // away for 20 frames
            tracker.Associate(frame, shown ? [Face(300, 300, 100)] : []);
        }

        Assert.Equal(2, tracker.All.Count);

        var patient = new SortTracker(Settings with { MaxMissedFrames = 30 });
        for (int frame = 0; frame < 60; frame++)
        {
            patient.Predict();
            patient.Associate(frame, frame < 20 || frame >= 40 ? [Face(300, 300, 100)] : []);
        }

        Assert.Single(patient.All);
    }

    [Fact]
    public void ATrackWantsFewGoodSamples()
    {
        var track = new FaceTrack(1, 0, Face(0, 0, 50));
        Assert.True(track.WantsSample(0, Face(0, 0, 50), maxSamples: 3, spacingFrames: 10));
        track.AddSample(new TrackSample(0, [1f, 0f], 0.9f, FaceTrack.QualityOf(Face(0, 0, 50))), 3);
        Assert.False(track.WantsSample(5, Face(0, 0, 50), 3, 10));   // too soon
        Assert.True(track.WantsSample(10, Face(0, 0, 50), 3, 10));   // spaced and as good
        Assert.False(track.WantsSample(10, Face(0, 0, 20), 3, 10));  // much smaller: not worth it
        track.AddSample(new TrackSample(10, [1f, 0f], 0.9f, FaceTrack.QualityOf(Face(0, 0, 50))), 3);
        track.AddSample(new TrackSample(20, [1f, 0f], 0.9f, FaceTrack.QualityOf(Face(0, 0, 50))), 3);
        Assert.False(track.WantsSample(30, Face(0, 0, 52), 3, 10));  // full, and not clearly better
        Assert.True(track.WantsSample(30, Face(0, 0, 90), 3, 10));   // full, but the person came closer
        track.AddSample(new TrackSample(30, [0f, 1f], 0.9f, FaceTrack.QualityOf(Face(0, 0, 90))), 3);
        Assert.Equal(3, track.Samples.Count);
        Assert.Contains(track.Samples, s => s.Frame == 30);
    }

    internal static DetectedFace Face(float x, float y, float size, float score = 0.9f) =>
        new(new FaceBox(x, y, size, size), score, new SKPoint[6]);
}
