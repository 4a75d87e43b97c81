using FaceMask.Detection;
using FaceMask.Tests.Support;
using FaceMask.Video;
using Xunit;

namespace FaceMask.Tests.Video;

/// <summary>Every kind of unreadable video gets a clear message naming the file; a stream that breaks off keeps its partial results, flagged.</summary>
public sealed class VideoBadInputTests
{
    [VideoFact]
    public void NotAVideoIsRefusedByName()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("notes.mp4", "these are meeting notes, not a video\n"u8.ToArray());
        var ex = Assert.Throws<VideoException>(() => VideoProbe.Probe(path));
        Assert.StartsWith(path + ": not a video", ex.Message);
        Assert.Equal(VideoProblem.NotAVideo, ex.Problem);
    }

    [VideoFact]
    public void EmptyFileIsRefused()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("empty.mp4", []);
        Assert.Equal($"{path}: empty file (0 bytes)", Assert.Throws<VideoException>(() => VideoProbe.Probe(path)).Message);
    }

    [VideoFact]
    public void TruncatedFileWithoutItsIndexIsRefusedAsTruncated()
    {
        using var dir = new TempDirectory();
        string cut = TestVideos.FirstHalfOf(TestVideos.Pattern(dir.Path, fastStart: false), "cut.mp4"); // the index (moov) is at the end
        var ex = Assert.Throws<VideoException>(() => VideoProbe.Probe(cut));
        Assert.StartsWith(cut + ":", ex.Message);
        Assert.Contains("truncated", ex.Message);
        Assert.Equal(VideoProblem.Truncated, ex.Problem);
    }

    [VideoFact]
    public void CodecFfmpegLacksIsNamed()
    {
        using var dir = new TempDirectory();
        string path = TestVideos.UnknownCodec(dir.Path);
        var ex = Assert.Throws<VideoException>(() => VideoProbe.Probe(path));
        Assert.StartsWith(path + ": the video uses a codec this ffmpeg cannot decode", ex.Message);
        Assert.Equal(VideoProblem.UnsupportedCodec, ex.Problem);
    }

    [VideoFact]
    public void AbsurdResolutionIsRefusedBeforeDecoding()
    {
        using var dir = new TempDirectory();
        string path = TestVideos.TooWide(dir.Path);
        var ex = Assert.Throws<VideoException>(() => VideoProbe.Probe(path));
        Assert.Contains(path + ": refused: the video's frames are 8200×16 pixels", ex.Message);
        Assert.Equal(VideoProblem.TooLarge, ex.Problem);

        // the limits are options: the same file passes a wider one
        Assert.Equal(8200, VideoProbe.Probe(path, new VideoOptions { MaxSide = 9000 }).Width);
    }

    [VideoFact]
    public void MissingFfmpegIsNamed()
    {
        using var dir = new TempDirectory();
        string video = TestVideos.ZeroFrames(dir.Path);
        string empty = Directory.CreateDirectory(dir["no-ffmpeg"]).FullName;
        var ex = Assert.Throws<VideoException>(() => VideoProbe.Probe(video, new VideoOptions { FfmpegDirectory = empty }));
        Assert.StartsWith(video + ": cannot read videos: the ffmpeg and ffprobe programs were not found in " + empty, ex.Message);
        Assert.Contains("apt-get install ffmpeg", ex.Message);
        Assert.Equal(VideoProblem.ToolMissing, ex.Problem);
    }

    [VideoFact(NeedsDetector = true)]
    public void ZeroFramesIsRefused()
    {
        using var dir = new TempDirectory();
        string path = TestVideos.ZeroFrames(dir.Path);
        using var analyzer = TinyAnalyzer(dir);
        var ex = Assert.Throws<VideoException>(() => analyzer.Analyze(path));
        Assert.Equal($"{path}: the video has no frames", ex.Message);
        Assert.Equal(VideoProblem.NoFrames, ex.Problem);
    }

    [VideoFact(NeedsDetector = true)]
    public void StreamThatStopsMidwayKeepsItsFramesAndIsFlagged()
    {
        using var dir = new TempDirectory();
        string full = TestVideos.Pattern(dir.Path, seconds: 6, fastStart: true);
        string cut = TestVideos.FirstHalfOf(full, "cut.mp4"); // index first: the frames before the cut decode
        using var analyzer = TinyAnalyzer(dir);

        VideoAnalysis whole = analyzer.Analyze(full);
        Assert.True(whole.Complete);
        Assert.Null(whole.Warning);
        Assert.Equal(60, whole.Frames);

        VideoAnalysis partial = analyzer.Analyze(cut);
        Assert.False(partial.Complete);
        Assert.InRange(partial.Frames, 10, 50);
        Assert.Contains($"the stream stopped after {partial.Frames} frames", partial.Warning);
        Assert.Contains("truncated", partial.Warning);
        Assert.DoesNotContain(" @ 0x", partial.Warning); // ffmpeg's pointer prefixes are left out
        Assert.Equal((int)Math.Ceiling(partial.Frames / 10.0), partial.Timeline.Count);
    }

    [VideoFact(NeedsDetector = true)]
    public void CliNamesEachBadFileAndLeavesNothingHalfWritten()
    {
        using var dir = new TempDirectory();
        string good = TestVideos.Pattern(dir.Path, "good.mp4", seconds: 2);
        string bad = dir.Write("bad.mp4", "not a video"u8.ToArray());
        string model = DetectionFixture.SaveTinyModel(dir["model"]);
        string annotate = dir["annotated"];

        var (code, output) = CliRunner.Run("video", good, bad, "--model", model, "--annotate", annotate);
        Assert.Equal(2, code);
        Assert.Contains($"error: {bad}: not a video", output);
        Assert.Contains("people: 0", output);
        Assert.Equal(["good.annotated.mp4", "good.timeline.png"], Directory.GetFiles(annotate).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(20, Ffmpeg.CountFrames(Path.Combine(annotate, "good.annotated.mp4")));

        // an existing annotated file is not replaced without --overwrite, and nothing is analysed then
        var (again, refusal) = CliRunner.Run("video", good, "--model", model, "--annotate", annotate);
        Assert.Equal(2, again);
        Assert.Contains("already exists; pass --overwrite", refusal);
        Assert.Equal(0, CliRunner.Run("video", good, "--model", model, "--annotate", annotate, "--overwrite").ExitCode);
        Assert.Equal(2, Directory.GetFiles(annotate, "*", SearchOption.AllDirectories).Length); // no temporary file left
    }

    [VideoFact(NeedsDetector = true)]
    public void CancellingStopsDecodingPromptly()
    {
        using var dir = new TempDirectory();
        string path = TestVideos.Pattern(dir.Path, "long.mp4", seconds: 60);
        using var analyzer = TinyAnalyzer(dir);
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Frames > 0)
            {
                cancel.Cancel(); // at the first progress report (half a second in)
            }
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => analyzer.Analyze(path, progress, cancel.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed} to stop");
    }

    private static VideoAnalyzer TinyAnalyzer(TempDirectory dir) =>
        VideoAnalyzer.Open(DetectionFixture.SaveTinyModel(dir["model"]), new PhotoAnalyzerOptions());
}
