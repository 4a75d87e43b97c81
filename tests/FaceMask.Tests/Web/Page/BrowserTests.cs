using System.Diagnostics;
using System.Text;
using System.Text.Json;
using FaceMask.Inference;
using FaceMask.Tests.Support;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Web.Page;

/// <summary>
/// The page in Debian's headless Chromium, driven by playwright-core (tests/browser/upload.mjs) against the app on a
/// loopback port: a photo uploaded through the file picker comes back boxed and labelled, the page fits a phone,
/// and a non-image gets a readable error. Set FACEMASK_SCREENSHOTS=DIR to keep the screenshots.
/// </summary>
[Collection(RealAnalyzerCollection.Name)]
public sealed class BrowserTests(RealAnalyzerFixture real)
{
    [BrowserFact]
    public async Task UploadedPhoto_IsShownWithBoxesAndLabels()
    {
        using var temp = new TempDirectory();
        var (analyzer, photo) = PhotoAndAnalyzer(temp);
        await using var host = await WebHost.LoopbackAsync(analyzer, model: real.Model);
        string bad = temp.Write("notes.jpg", Encoding.UTF8.GetBytes("this is a text file with a photo's name\n"));
        string screenshot = temp["page.png"];

        JsonElement report = RunUpload(host.Address, photo, screenshot, bad);

        JsonElement shown = report.GetProperty("shown");
        Assert.True(shown.GetProperty("state").GetString() == "done", "the page did not show a result: " + shown);
        JsonElement[] boxes = [.. shown.GetProperty("boxes").EnumerateArray()];
        JsonElement[] rows = [.. shown.GetProperty("rows").EnumerateArray()];
        Assert.True(boxes.Length >= (real.Analyzer is null ? 1 : RealPhotos.OneFaceEach.Length - 1), $"{boxes.Length} boxes: {shown}");
        Assert.Equal(boxes.Length, rows.Length);
        Assert.Equal(boxes.Length, shown.GetProperty("labels").GetArrayLength());
        foreach (JsonElement box in boxes)
        {
            Assert.True(box.GetProperty("shownWidth").GetDouble() > 4 && box.GetProperty("shownHeight").GetDouble() > 4, "box not drawn: " + box);
        }

        foreach (JsonElement label in shown.GetProperty("labels").EnumerateArray())
        {
            string text = label.GetString()!;
            Assert.True(analyzer.Classes.Any(c => text.Contains(c, StringComparison.Ordinal)), $"label '{text}' names none of {string.Join(", ", analyzer.Classes)}");
            Assert.Matches(@"\d+(\.\d)?%\)?$", text); // "label 93%", or "unsure — best guess label (52%)"
        }

        Assert.Contains(analyzer.ModelId, shown.GetProperty("model").GetString()!, StringComparison.Ordinal);
        Assert.Equal($"0 0 {shown.GetProperty("photo").GetProperty("naturalWidth").GetInt32()} {shown.GetProperty("photo").GetProperty("naturalHeight").GetInt32()}", shown.GetProperty("viewBox").GetString());
        Assert.Empty(report.GetProperty("problems").EnumerateArray());

        JsonElement phone = report.GetProperty("phone");
        Assert.True(phone.GetProperty("scrollWidth").GetInt32() <= phone.GetProperty("innerWidth").GetInt32(), "the page scrolls sideways at phone width: " + phone);

        string error = report.GetProperty("bad").GetProperty("error").GetString()!;
        Assert.Contains("notes.jpg: not an image", error, StringComparison.Ordinal);
        Assert.Contains("415", error, StringComparison.Ordinal);
        Assert.True(report.GetProperty("bad").GetProperty("resultHidden").GetBoolean());

        KeepScreenshots(temp, "page*.png");

        Assert.True(new FileInfo(screenshot).Length > 10_000, "screenshot missing or blank");
        using SKBitmap shot = SKBitmap.Decode(screenshot);
        Assert.True(shot.Width >= 1000, $"screenshot is {shot.Width} px wide");
    }

    [BrowserFact]
    public async Task UnsureFace_IsShownGreyAsUnsureWithTheBestGuessAndItsProbabilities()
    {
        using var temp = new TempDirectory();
        var analyzer = new FakePhotoAnalyzer { UnsureBelow = 0.9 };
        var colour = new SKColor(40, 90, 210);
        string photo = temp.Write("generated.jpg", TestImages.Jpeg(320, 240, colour));
        await using var host = await WebHost.LoopbackAsync(analyzer);
        string bad = temp.Write("notes.jpg", Encoding.UTF8.GetBytes("not a photo\n"));

        JsonElement shown = RunUpload(host.Address, photo, temp["unsure.png"], bad).GetProperty("shown");

        Assert.True(shown.GetProperty("state").GetString() == "done", "the page did not show a result: " + shown);
        string best = analyzer.LabelFor(colour);
        JsonElement box = Assert.Single(shown.GetProperty("boxes").EnumerateArray());
        Assert.True(box.GetProperty("unsure").GetBoolean(), box.ToString());
        Assert.Equal("rgb(107, 114, 128)", box.GetProperty("stroke").GetString()); // the neutral grey, no class's colour
        string label = Assert.Single(shown.GetProperty("labels").EnumerateArray()).GetString()!;
        Assert.Matches($@"^unsure — best guess {best} \(\d+(\.\d)?%\)$", label);
        Assert.True(Assert.Single(shown.GetProperty("unsureRows").EnumerateArray()).GetBoolean());
        string[] row = [.. Assert.Single(shown.GetProperty("rows").EnumerateArray()).EnumerateArray().Select(c => c.GetString()!)];
        Assert.Equal($"unsure — best guess {best}", row[1]);
        Assert.Matches(@"^\d+(\.\d)?%$", row[2]);
        Assert.All(analyzer.Classes, c => Assert.Contains(c, row[4], StringComparison.Ordinal)); // the probabilities are still shown
        Assert.Equal("1 face found, 1 unsure", shown.GetProperty("summary").GetString());
        Assert.Contains("unsure below 90.0%", shown.GetProperty("model").GetString()!, StringComparison.Ordinal);
        KeepScreenshots(temp, "unsure*.png");
    }

    private static void KeepScreenshots(TempDirectory temp, string pattern)
    {
        if (Environment.GetEnvironmentVariable("FACEMASK_SCREENSHOTS") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            foreach (string shotFile in Directory.GetFiles(temp.Path, pattern))
            {
                File.Copy(shotFile, Path.Combine(keep, Path.GetFileName(shotFile)), overwrite: true);
            }
        }
    }

    /// <summary>
    /// With the shared dataset and the detector: the real analyzer and a group photo made of four dataset photos (the
    /// page must then show a box per person). Without: the fake analyzer and a generated photo.
    /// </summary>
    private (IPhotoAnalyzer Analyzer, string Photo) PhotoAndAnalyzer(TempDirectory temp)
    {
        if (real.Analyzer is { } analyzer)
        {
            return (analyzer, temp.Write("group.jpg", GroupPhoto.Compose(RealPhotos.Paths(), columns: 2)));
        }

        return (new FakePhotoAnalyzer(), temp.Write("generated.jpg", TestImages.Jpeg(320, 240, new SKColor(40, 90, 210))));
    }

    private static JsonElement RunUpload(Uri address, string photo, string screenshot, string bad)
    {
        var start = new ProcessStartInfo(BrowserSetup.FindOnPath("node")!)
        {
            WorkingDirectory = BrowserSetup.BrowserFolder!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "upload.mjs", address.AbsoluteUri, photo, screenshot, bad })
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
        Assert.True(process.ExitCode == 0, $"node upload.mjs exited with {process.ExitCode}:\n{stderr.Result}\n{stdout.Result}");
        string line = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }
}
