using System.Diagnostics;
using System.Text.Json;
using FaceMask.Tests.Support;
using FaceMask.Video;
using Xunit;

namespace FaceMask.Tests.Web.Page;

/// <summary>
/// The page's live camera in headless Chromium with a fake camera playing a Y4M file made at test time from two
/// shared photos side by side (tests/browser/camera.mjs): the page opens the camera, sends frames, draws a numbered,
/// labelled box per person and counts two people. Set FACEMASK_SCREENSHOTS=DIR to keep the screenshot.
/// </summary>
[Collection(RealAnalyzerCollection.Name)]
public sealed class LiveCameraBrowserTests(RealAnalyzerFixture real)
{
    [LiveCameraFact]
    public async Task CameraFramesAreBoxedLabelledAndCounted()
    {
        Assert.NotNull(real.Analyzer);

        using var temp = new TempDirectory();
        string still = temp.Write("two.png", GroupPhoto.Compose([.. RealPhotos.Paths().Skip(2)], columns: 2));
        string y4m = temp["camera.y4m"];
        Ffmpeg.Run("-loop", "1", "-i", still, "-t", "2", "-r", "10", "-vf", "scale=640:-2,format=yuv420p", y4m);
        using var video = new VideoAnalyzer(real.Analyzer!);
        await using var host = await WebHost.LoopbackAsync(real.Analyzer!, model: real.Model, video: video);

        JsonElement report = Run(host.Address, y4m, temp["camera.png"], frames: 8);
        JsonElement shown = report.GetProperty("shown");
        Assert.True(shown.GetProperty("state").GetString() == "running", "the camera did not run: " + shown);
        Assert.True(shown.GetProperty("frames").GetInt32() >= 8, shown.ToString());
        JsonElement[] boxes = [.. shown.GetProperty("boxes").EnumerateArray()];
        Assert.True(boxes.Length == 2, $"{boxes.Length} boxes: {shown}");
        Assert.All(boxes, b => Assert.True(b.GetProperty("shownWidth").GetDouble() > 4, b.ToString()));
        Assert.Equal([1, 2], boxes.Select(b => b.GetProperty("person").GetInt32()).Order());
        foreach (JsonElement label in shown.GetProperty("labels").EnumerateArray())
        {
            string text = label.GetString()!;
            Assert.Matches(@"^#[12] ", text);
            Assert.True(real.Analyzer!.Classes.Any(c => text.Contains(c, StringComparison.Ordinal)), $"label '{text}' names no class");
        }

        Assert.StartsWith("People so far: 2", shown.GetProperty("counts").GetString());
        Assert.Empty(report.GetProperty("problems").EnumerateArray());
        Assert.Equal("stopped", report.GetProperty("stopped").GetProperty("state").GetString());
        Assert.True(report.GetProperty("stopped").GetProperty("cameraButton").GetBoolean());

        if (Environment.GetEnvironmentVariable("FACEMASK_SCREENSHOTS") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            File.Copy(temp["camera.png"], Path.Combine(keep, "camera.png"), overwrite: true);
        }
    }

    private static JsonElement Run(Uri address, string y4m, string screenshot, int frames)
    {
        var start = new ProcessStartInfo(BrowserSetup.FindOnPath("node")!)
        {
            WorkingDirectory = BrowserSetup.BrowserFolder!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "camera.mjs", address.AbsoluteUri, y4m, screenshot, frames.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(180)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the browser run did not finish within 180 s: " + stderr.Result);
        }

        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"node camera.mjs exited with {process.ExitCode}:\n{stderr.Result}\n{stdout.Result}");
        using var document = JsonDocument.Parse(stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last());
        return document.RootElement.Clone();
    }
}
