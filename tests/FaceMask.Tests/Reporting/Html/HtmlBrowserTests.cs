using FaceMask.Reporting.Html;
using FaceMask.Tests.Support;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Reporting.Html;

/// <summary>report.html in a real browser: headless Chromium loads it from disk without console errors and renders it.</summary>
[Collection(HtmlRunCollection.Name)]
public sealed class HtmlBrowserTests(HtmlRunFixture fixture)
{
    [ChromiumFact]
    public void ChromiumRendersTheReportWithoutConsoleErrors()
    {
        string page = Path.Combine(fixture.KFoldRun, HtmlReportBuilder.FileName);
        string png = Path.Combine(fixture.NewFolder("shot"), "report.png");
        var (code, console, stderr) = HeadlessChromium.Screenshot(page, png, 1280, 2000);
        Assert.True(code == 0, $"chromium exited with {code}:\n{stderr}");
        Assert.True(console.Count == 0, "console output:\n" + string.Join('\n', console));
        Assert.True(File.Exists(png), "no screenshot:\n" + stderr);
        Assert.True(new FileInfo(png).Length > 20_000, $"screenshot is only {new FileInfo(png).Length} bytes");
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(1280, bitmap.Width);
        var colours = new HashSet<uint>();
        for (int y = 0; y < bitmap.Height; y += 7)
        {
            for (int x = 0; x < bitmap.Width; x += 7)
            {
                colours.Add((uint)bitmap.GetPixel(x, y));
            }
        }

        Assert.True(colours.Count > 100, $"the screenshot has only {colours.Count} colours: the page did not render");
    }

    [ChromiumFact]
    public void TheConsoleCheckCatchesAPageWithAnError()
    {
        string dir = fixture.NewFolder("bad-page");
        string page = Path.Combine(dir, "bad.html");
        File.WriteAllText(page, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>bad</title></head><body><p>x</p><script>console.error('report-check-marker'); throw new Error('report-check-boom');</script></body></html>");
        var (_, console, stderr) = HeadlessChromium.Screenshot(page, Path.Combine(dir, "bad.png"), 400, 300);
        Assert.True(console.Any(l => l.Contains("report-check-boom", StringComparison.Ordinal)), "the uncaught error was not seen:\n" + stderr);
    }
}
