using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using FaceMask.Tests.Support;
using FaceMask.Web.Hosting;
using SkiaSharp;
using Xunit;
using static FaceMask.Tests.Web.ApiRequests;

namespace FaceMask.Tests.Web.Hosting;

/// <summary>The other endpoints, the page, concurrency and the no-disk promise, in memory with a fake analyzer.</summary>
public sealed class WebAppTests
{
    [Fact]
    public async Task Health_IsOk()
    {
        await using var host = await WebHost.InMemoryAsync(new FakePhotoAnalyzer());
        using HttpResponseMessage response = await host.Client.GetAsync("health");
        var (status, json) = await ReadAsync(response);
        Assert.Equal(200, status);
        Assert.Equal("ok", json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Model_ReportsIdArchClassesAndMetrics()
    {
        var analyzer = new FakePhotoAnalyzer();
        await using var host = await WebHost.InMemoryAsync(analyzer);
        using HttpResponseMessage response = await host.Client.GetAsync("api/v1/model");
        var (status, json) = await ReadAsync(response);
        Assert.Equal(200, status);
        Assert.Equal("fake-model-7", json.GetProperty("id").GetString());
        Assert.Equal("seed5", json.GetProperty("arch").GetString());
        Assert.Equal(analyzer.Classes, json.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(32, json.GetProperty("inputSize").GetInt32());
        Assert.Equal(0.75, json.GetProperty("metrics").GetProperty("accuracy").GetDouble());
        Assert.Equal(0.7, json.GetProperty("metrics").GetProperty("macro_f1").GetDouble());
    }

    [Fact]
    public async Task Page_IsServedWithItsScriptAndAStrictPolicy()
    {
        await using var host = await WebHost.InMemoryAsync(new FakePhotoAnalyzer());
        using HttpResponseMessage page = await host.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        string html = await page.Content.ReadAsStringAsync();
        Assert.Contains("id=\"drop\"", html, StringComparison.Ordinal);
        Assert.Contains("type=\"file\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"viewport\"", html, StringComparison.Ordinal);
        string policy = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);

        foreach ((string path, string type, string marker) in new[] { ("/app.js", "text/javascript", "/api/v1/predict"), ("/app.css", "text/css", "@media") })
        {
            using HttpResponseMessage asset = await host.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.Equal(type, asset.Content.Headers.ContentType?.MediaType);
            Assert.Contains(marker, await asset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TwentyParallelRequests_AllGetTheirOwnAnswer_TwoAtATime()
    {
        var analyzer = new FakePhotoAnalyzer { Delay = TimeSpan.FromMilliseconds(60), AwaitOverlap = 2 };
        await using var host = await WebHost.InMemoryAsync(analyzer, new FaceMaskWebOptions { MaxConcurrentAnalyses = 2 });
        SKColor[] colours = [new(230, 20, 20), new(20, 230, 20), new(20, 20, 230)];
        var requests = Enumerable.Range(0, 20).Select(async i =>
        {
            SKColor colour = colours[i % 3];
            int width = 24 + i;
            int height = 16 + (2 * i);
            var (status, json) = i % 2 == 0
                ? await PostAsync(host.Client, Form(TestImages.Png(width, height, colour), $"p{i}.png", contentType: "image/png"))
                : await PostAsync(host.Client, Raw(TestImages.Jpeg(width, height, colour), "image/jpeg"));
            return (i, width, height, expected: analyzer.LabelFor(colour), status, json);
        }).ToArray();

        foreach (var (i, width, height, expected, status, json) in await Task.WhenAll(requests))
        {
            Assert.True(status == 200, $"request {i}: {status} {json}");
            Assert.Equal(width, json.GetProperty("width").GetInt32());
            Assert.Equal(height, json.GetProperty("height").GetInt32());
            Assert.Equal(expected, json.GetProperty("faces")[0].GetProperty("label").GetString());
        }

        Assert.Equal(20, analyzer.Calls);
        Assert.Equal(2, analyzer.MaxRunning);
    }

    [Fact]
    public async Task Uploads_LeaveNothingOnDisk()
    {
        using var temp = new TempDirectory();
        string? tmp = Environment.GetEnvironmentVariable("TMPDIR");
        string? aspnet = Environment.GetEnvironmentVariable("ASPNETCORE_TEMP");
        Environment.SetEnvironmentVariable("TMPDIR", temp.Path);
        Environment.SetEnvironmentVariable("ASPNETCORE_TEMP", temp.Path);
        try
        {
            Assert.Equal(Path.GetFullPath(temp.Path).TrimEnd('/'), Path.GetFullPath(Path.GetTempPath()).TrimEnd('/'));
            var seen = new ConcurrentBag<string>();
            var analyzer = new FakePhotoAnalyzer
            {
                // while the request is in flight: ASP.NET's buffering would have spooled the upload to a file by now
                OnAnalyze = () => Array.ForEach(Directory.GetFileSystemEntries(temp.Path, "*", SearchOption.AllDirectories), seen.Add),
            };
            await using var host = await WebHost.InMemoryAsync(analyzer);
            using SKBitmap noise = TestImages.Noise(900, 700, 3);
            byte[] large = TestImages.Encode(noise, SKEncodedImageFormat.Jpeg); // well over ASP.NET's 64 KB in-memory form threshold
            Assert.True(large.Length > 256 * 1024, $"{large.Length} bytes");
            Assert.Equal(200, (await PostAsync(host.Client, Form(large, "noise.jpg"))).Status);
            Assert.Equal(200, (await PostAsync(host.Client, Raw(large, "image/jpeg"))).Status);
            Assert.Equal(413, (await PostAsync(host.Client, Form(new byte[11 << 20], "big.jpg"))).Status);
            Assert.Equal(2, analyzer.Calls);
            Assert.Empty(seen);
            Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path, "*", SearchOption.AllDirectories));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TMPDIR", tmp);
            Environment.SetEnvironmentVariable("ASPNETCORE_TEMP", aspnet);
        }
    }
}
