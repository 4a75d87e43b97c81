using System.Text.Json;
using FaceMask.Tests.Support;
using FaceMask.Video;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Video;

/// <summary>
/// Videos made from shared photos of five people (one per class, photos the photo path labels right): one track per
/// person with no tolerance (the people are shown whole and still or slowly moving, so a missed or doubled person is
/// a fault), each labelled by its vote as the photo path labels the same picture, no identity switch during a pan, and
/// an annotated copy with every frame.
/// </summary>
public sealed class SharedVideoTests(SharedVideoFixture fixture) : IClassFixture<SharedVideoFixture>
{
    [VideoFact(NeedsDetector = true, NeedsSharedData = true)]
    public void SlideshowGivesOneLabelledTrackPerPerson()
    {
        Assert.Equal(5, fixture.Faces.Count);
        var (path, shown) = fixture.Slideshow;
        string annotate = Path.Combine(fixture.Folder, "slideshow-annotated");
        var (code, output) = CliRunner.Run("video", path, "--json", "--annotate", annotate);
        Assert.True(code == 0, output);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        JsonElement[] tracks = root.GetProperty("tracks").EnumerateArray().ToArray();

        Assert.Equal(shown.Count, tracks.Length); // tolerance 0
        Assert.Equal(shown.Count, root.GetProperty("people").GetInt32());
        for (int i = 0; i < shown.Count; i++)
        {
            JsonElement track = tracks[i];
            Assert.Equal(i + 1, track.GetProperty("id").GetInt32());
            Assert.InRange(track.GetProperty("firstSeconds").GetDouble(), shown[i].Start - 0.01, shown[i].Start + 0.5);
            Assert.InRange(track.GetProperty("lastSeconds").GetDouble(), shown[i].End - 0.5, shown[i].End + 0.01);
            Assert.Equal(shown[i].PhotoLabel, track.GetProperty("label").GetString());
            Assert.Equal(fixture.Faces[i].Label, track.GetProperty("label").GetString());
            Assert.False(track.GetProperty("unsure").GetBoolean());
            Assert.InRange(track.GetProperty("classified").GetInt32(), 1, new VideoOptions().SamplesPerTrack);
        }

        // unique people per class: one per class here; the timeline shows at most one person at a time and someone in most seconds
        Assert.All(root.GetProperty("counts").EnumerateObject(), c => Assert.Equal(fixture.Faces.Count(f => f.Label == c.Name), c.Value.GetInt32()));
        JsonElement[] timeline = root.GetProperty("timeline").EnumerateArray().ToArray();
        Assert.Equal((int)Math.Ceiling(root.GetProperty("frames").GetInt64() / (double)SharedVideoFixture.Fps), timeline.Length);
        Assert.All(timeline, s => Assert.InRange(s.GetProperty("people").GetInt32(), 0, 2));
        Assert.True(timeline.Count(s => s.GetProperty("people").GetInt32() >= 1) >= 10);

        // classification ran on a few faces per person, not on every frame
        Assert.True(root.GetProperty("speed").GetProperty("classifications").GetInt32() <= 5 * shown.Count);

        string annotated = Path.Combine(annotate, "slideshow.annotated.mp4");
        Assert.Equal(root.GetProperty("frames").GetInt64(), Ffmpeg.CountFrames(annotated));
        Assert.True(new FileInfo(Path.Combine(annotate, "slideshow.timeline.png")).Length > 1000);
        Assert.Equal(2, Directory.GetFiles(annotate).Length);
    }

    [VideoFact(NeedsDetector = true, NeedsSharedData = true)]
    public void PanKeepsEveryIdentity()
    {
        Assert.Equal(5, fixture.Faces.Count);
        var (path, slots) = fixture.Pan;
        using var analyzer = new VideoAnalyzer(fixture.Analyzer!);
        VideoAnalysis analysis = analyzer.Analyze(path);

        Assert.True(analysis.Complete);
        string summary = string.Join("; ", analysis.Tracks.Select(t => FormattableString.Invariant($"#{t.Id} {t.Label} {t.FirstSeconds:0.00}-{t.LastSeconds:0.00} s, {t.Frames} detections, best face {t.BestFace}")));
        Assert.True(slots.Count == analysis.People, summary); // tolerance 0
        var slotOf = new Dictionary<int, int>();
        foreach (VideoTrack track in analysis.Tracks)
        {
            // found at the start and detected on most detection frames (BlazeFace misses a masked face now and then:
            // measured, the ffp2 face was found on 37 of 53, the others on all) ...
            Assert.True(track.FirstSeconds <= 0.3 && track.Frames >= 0.5 * analysis.Speed.Detections, summary);

            // ... always on the same pasted face (box centre mapped back onto the collage)
            var slotsHit = analysis.Boxes.Where(b => b.TrackId == track.Id).Select(b =>
            {
                double offset = Math.Min(SharedVideoFixture.PanShift, b.Frame / (double)SharedVideoFixture.Fps * SharedVideoFixture.PanSpeed);
                var centre = new SKPoint((float)(b.Box.X + (b.Box.Width / 2) + offset), b.Box.Y + (b.Box.Height / 2));
                return slots.ToList().FindIndex(s => s.Contains((int)centre.X, (int)centre.Y));
            }).Distinct().ToArray();
            int slot = Assert.Single(slotsHit);
            Assert.True(slot >= 0, $"person {track.Id} was tracked off every face");
            Assert.Equal(fixture.Faces[slot].Label, track.Label);
            slotOf[track.Id] = slot;
        }

        // one person per pasted face, and everybody on screen in the first seconds
        Assert.Equal(slots.Count, slotOf.Values.Distinct().Count());
        Assert.All(analysis.Timeline.Take(4), s => Assert.Equal(slots.Count, s.People));
    }
}
