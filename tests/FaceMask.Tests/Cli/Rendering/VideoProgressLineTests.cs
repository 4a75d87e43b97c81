using FaceMask.Cli.Rendering;
using FaceMask.Video;
using Xunit;

namespace FaceMask.Tests.Cli.Rendering;

public sealed class VideoProgressLineTests
{
    [Fact]
    public void ShowsFramesPerSecondAndTimeLeft()
    {
        var progress = new VideoProgress("/videos/entrance.mp4", 450, 900, TimeSpan.FromSeconds(10));
        Assert.Equal("entrance.mp4: 450/900 frames, 45.0 frames/s, about 10 s left", VideoProgressLine.Text(progress));
        Assert.Equal("clip.mkv: 30 frames, 15.0 frames/s", VideoProgressLine.Text(new VideoProgress("clip.mkv", 30, 0, TimeSpan.FromSeconds(2))));
    }

    [Fact]
    public void RedirectedOutputGetsAPlainLineEveryTenth()
    {
        var writer = new StringWriter();
        var line = new VideoProgressLine(writer, interactive: false);
        for (int frames = 10; frames <= 100; frames += 5)
        {
            line.Report(new VideoProgress("a.mp4", frames, 100, TimeSpan.FromSeconds(frames / 10.0)));
        }

        line.Finish();
        string[] lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Length); // 10 %, 20 % … 100 %: one line per tenth, not one per report (19 reports)
        Assert.StartsWith("a.mp4: 10/100 frames", lines[0]);
        Assert.DoesNotContain('\r', writer.ToString());
    }
}
