using FaceMask.Inference;
using FaceMask.Video;
using Xunit;

namespace FaceMask.Tests.Video;

public sealed class TrackVoteTests
{
    private static readonly string[] Classes = ["cloth", "ffp2", "no_mask"];

    [Fact]
    public void WeighsEachFaceByItsDetectorScore()
    {
        var samples = new[]
        {
            new TrackSample(0, [0.6f, 0.3f, 0.1f], 0.9f, 1),
            new TrackSample(10, [0.2f, 0.7f, 0.1f], 0.3f, 1),
        };
        var (label, probabilities, unsure) = TrackVote.Vote(samples, Classes, CalibrationInEffect.None);
        Assert.Equal("cloth", label);
        Assert.Equal(((0.9 * 0.6) + (0.3 * 0.2)) / 1.2, probabilities["cloth"], 5);
        Assert.Equal(((0.9 * 0.3) + (0.3 * 0.7)) / 1.2, probabilities["ffp2"], 5);
        Assert.Equal(1.0, probabilities.Values.Sum(), 5);
        Assert.False(unsure);
        Assert.Equal(Classes, probabilities.Keys);
    }

    [Fact]
    public void OneConfidentFaceOutvotesSeveralDoubtfulOnes()
    {
        var samples = new[]
        {
            new TrackSample(0, [0.05f, 0.9f, 0.05f], 0.9f, 1),
            new TrackSample(5, [0.4f, 0.35f, 0.25f], 0.9f, 1),
            new TrackSample(9, [0.4f, 0.35f, 0.25f], 0.9f, 1),
        };
        Assert.Equal("ffp2", TrackVote.Vote(samples, Classes, CalibrationInEffect.None).Label);
    }

    [Fact]
    public void AppliesThePhotoPathsUnsureRuleToTheVotedAnswer()
    {
        var split = new[]
        {
            new TrackSample(0, [0.9f, 0.05f, 0.05f], 0.9f, 1),
            new TrackSample(9, [0.1f, 0.85f, 0.05f], 0.9f, 1),
        };
        var calibration = new CalibrationInEffect(1.0, 0.7);
        var (label, probabilities, unsure) = TrackVote.Vote(split, Classes, calibration);
        Assert.Equal("cloth", label); // 0.5 against 0.45: the best guess
        Assert.True(unsure);         // each face alone was sure, the person is not
        Assert.Equal(calibration.IsUnsure(probabilities[label]), unsure);
        Assert.False(TrackVote.Vote(split.Take(1).ToArray(), Classes, calibration).Unsure);
    }

    [Fact]
    public void TimelineCountsThePeopleShownEachSecond()
    {
        var tracks = new[]
        {
            Track(1, "cloth", unsure: false),
            Track(2, "ffp2", unsure: false),
            Track(3, "ffp2", unsure: true),
        };
        // 10 fps, 35 frames: person 1 during frames 0-14, person 2 during 5-34, person 3 only during 22-24
        var boxes = Enumerable.Range(0, 15).Select(f => new TrackedBox(f, 1, new FaceBox(0, 0, 1, 1)))
            .Concat(Enumerable.Range(5, 30).Select(f => new TrackedBox(f, 2, new FaceBox(0, 0, 1, 1))))
            .Concat(Enumerable.Range(22, 3).Select(f => new TrackedBox(f, 3, new FaceBox(0, 0, 1, 1))))
            .ToArray();
        var timeline = VideoResults.Timeline(tracks, boxes, 35, 10, Classes);
        Assert.Equal([0, 1, 2, 3], timeline.Select(s => s.Second));
        Assert.Equal([2, 2, 2, 1], timeline.Select(s => s.People));
        Assert.Equal([1, 1, 0, 0], timeline.Select(s => s.Counts["cloth"]));
        Assert.Equal([1, 1, 1, 1], timeline.Select(s => s.Counts["ffp2"]));
        Assert.Equal([0, 0, 1, 0], timeline.Select(s => s.Unsure));
        Assert.Equal(2, timeline[2].People);

        var counts = VideoResults.Counts(tracks, Classes);
        Assert.Equal(new Dictionary<string, int> { ["cloth"] = 1, ["ffp2"] = 1, ["no_mask"] = 0 }, counts);
    }

    private static VideoTrack Track(int id, string label, bool unsure) =>
        new(id, label, Classes.ToDictionary(c => c, c => c == label ? 0.8f : 0.1f), unsure, 0, 1, 3, 1, new FaceBox(0, 0, 1, 1), 0);
}
