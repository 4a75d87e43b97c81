using System.Net;
using System.Text;
using System.Text.Json;
using FaceMask.Tests.Support;
using FaceMask.Web.Hosting;
using SkiaSharp;
using Xunit;
using static FaceMask.Tests.Web.ApiRequests;

namespace FaceMask.Tests.Web.Api;

/// <summary><c>POST /api/v1/predict</c> in memory with a fake analyzer: the answer's shape and every refusal's status.</summary>
public sealed class PredictApiTests
{
    [Fact]
    public async Task MultipartPhoto_Answers200WithSizeModelAndFaces()
    {
        var analyzer = new FakePhotoAnalyzer();
        await using var host = await WebHost.InMemoryAsync(analyzer);
        var (status, json) = await PostAsync(host.Client, Form(TestImages.Jpeg(64, 48, new SKColor(220, 30, 20)), "red.jpg"));

        Assert.Equal(200, status);
        Assert.Equal(64, json.GetProperty("width").GetInt32());
        Assert.Equal(48, json.GetProperty("height").GetInt32());
        Assert.Equal("fake-model-7", json.GetProperty("model").GetProperty("id").GetString());
        Assert.False(json.GetProperty("wholeImage").GetBoolean());
        JsonElement face = Assert.Single(json.GetProperty("faces").EnumerateArray());
        JsonElement box = face.GetProperty("box");
        Assert.Equal([16f, 12f, 32f, 24f], new[] { "x", "y", "width", "height" }.Select(k => box.GetProperty(k).GetSingle()));
        Assert.Equal("red_mask", face.GetProperty("label").GetString());
        Assert.Equal(FakePhotoAnalyzer.Score, face.GetProperty("detectorScore").GetSingle());
        var probabilities = face.GetProperty("probabilities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(analyzer.Classes, probabilities.Keys);
        Assert.Equal(1.0, probabilities.Values.Sum(), 3);
        Assert.True(probabilities["red_mask"] > 0.6, $"red share {probabilities["red_mask"]}");
        Assert.Equal(1, analyzer.Calls);
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("application/octet-stream")]
    public async Task RawBody_Answers200(string contentType)
    {
        var analyzer = new FakePhotoAnalyzer();
        await using var host = await WebHost.InMemoryAsync(analyzer);
        var (status, json) = await PostAsync(host.Client, Raw(TestImages.Png(40, 30, new SKColor(10, 200, 30)), contentType));

        Assert.Equal(200, status);
        Assert.Equal(40, json.GetProperty("width").GetInt32());
        Assert.Equal("green_mask", json.GetProperty("faces")[0].GetProperty("label").GetString());
    }

    [Fact]
    public async Task Multipart_TakesTheFieldNamedFile_ElseTheFirstFile()
    {
        var analyzer = new FakePhotoAnalyzer();
        await using var host = await WebHost.InMemoryAsync(analyzer);
        var both = new MultipartFormDataContent
        {
            { new StringContent("a note"), "comment" },
            { new ByteArrayContent(TestImages.Png(20, 20, new SKColor(250, 0, 0))), "other", "red.png" },
            { new ByteArrayContent(TestImages.Png(20, 20, new SKColor(0, 0, 250))), "file", "blue.png" },
        };
        var (status, json) = await PostAsync(host.Client, both);
        Assert.Equal(200, status);
        Assert.Equal("blue_mask", json.GetProperty("faces")[0].GetProperty("label").GetString());

        (status, json) = await PostAsync(host.Client, Form(TestImages.Png(20, 20, new SKColor(0, 240, 0)), "g.png", field: "photo"));
        Assert.Equal(200, status);
        Assert.Equal("green_mask", json.GetProperty("faces")[0].GetProperty("label").GetString());
    }

    [Fact]
    public async Task FormWithoutFile_Is400()
    {
        var analyzer = new FakePhotoAnalyzer();
        await using var host = await WebHost.InMemoryAsync(analyzer);
        var (status, json) = await PostAsync(host.Client, new MultipartFormDataContent { { new StringContent("hello"), "comment" } });
        Assert.Equal(400, status);
        Assert.Contains("no file", ErrorMessage(json, 400), StringComparison.Ordinal);
        Assert.Equal(0, analyzer.Calls);
    }

    [Fact]
    public async Task EmptyBodyAndEmptyFile_Are400()
    {
        var analyzer = new FakePhotoAnalyzer();
        await using var host = await WebHost.InMemoryAsync(analyzer);
        var (status, json) = await PostAsync(host.Client, Raw([], "image/jpeg"));
        Assert.Equal(400, status);
        Assert.Contains("empty", ErrorMessage(json, 400), StringComparison.Ordinal);

        (status, json) = await PostAsync(host.Client, Form([], "nothing.jpg"));
        Assert.Equal(400, status);
        Assert.StartsWith("nothing.jpg: empty file", ErrorMessage(json, 400), StringComparison.Ordinal);
        Assert.Equal(0, analyzer.Calls);
    }

    [Fact]
    public async Task CorruptJpeg_Is400()
    {
        await using var host = await WebHost.InMemoryAsync(new FakePhotoAnalyzer());
        var (status, json) = await PostAsync(host.Client, Form(TestImages.TruncatedJpeg(), "cut.jpg"));
        Assert.Equal(400, status);
        Assert.StartsWith("cut.jpg: truncated", ErrorMessage(json, 400), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over10MB_Is413_BeforeAnalysis()
    {
        var analyzer = new FakePhotoAnalyzer();
        await using var host = await WebHost.InMemoryAsync(analyzer);
        byte[] big = ElevenMegabytes();

        var (status, json) = await PostAsync(host.Client, Raw(big, "image/jpeg"));
        Assert.Equal(413, status);
        Assert.Contains("too large", ErrorMessage(json, 413), StringComparison.Ordinal);

        (status, json) = await PostAsync(host.Client, Form(big, "big.jpg"));
        Assert.Equal(413, status);
        ErrorMessage(json, 413);
        Assert.Equal(0, analyzer.Calls);
    }

    [Fact]
    public async Task JustUnderTheLimit_IsAccepted()
    {
        var options = new FaceMaskWebOptions { MaxImageBytes = 4096, EnvelopeBytes = 1024, MaxRequestBodyBytes = 1 << 20 };
        await using var host = await WebHost.InMemoryAsync(new FakePhotoAnalyzer(), options);
        byte[] png = TestImages.Png(16, 16, SKColors.Blue);
        byte[] padded = new byte[4096];
        png.CopyTo(padded, 0); // bytes after IEND are ignored by the decoder
        Assert.Equal(200, (await PostAsync(host.Client, Form(padded, "edge.png"))).Status);
        Assert.Equal(413, (await PostAsync(host.Client, Form(new byte[4097], "over.png"))).Status);
    }

    [Fact]
    public async Task TextNamedJpg_Is415_JudgedByTheBytes()
    {
        var analyzer = new FakePhotoAnalyzer();
        await using var host = await WebHost.InMemoryAsync(analyzer);
        var (status, json) = await PostAsync(host.Client, Form(Encoding.UTF8.GetBytes("just some text, not a photo\n"), "holiday.jpg"));
        Assert.Equal(415, status);
        string message = ErrorMessage(json, 415);
        Assert.StartsWith("holiday.jpg: not an image", message, StringComparison.Ordinal);
        Assert.Contains("text", message, StringComparison.Ordinal);
        Assert.Equal(0, analyzer.Calls);
    }

    [Fact]
    public async Task UnsupportedFormat_Is415()
    {
        var analyzer = new FakePhotoAnalyzer();
        await using var host = await WebHost.InMemoryAsync(analyzer);
        byte[] tiff = [(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var (status, json) = await PostAsync(host.Client, Raw(tiff, "image/tiff"));
        Assert.Equal(415, status);
        Assert.Contains("unsupported image format TIFF", ErrorMessage(json, 415), StringComparison.Ordinal);
        Assert.Equal(0, analyzer.Calls);
    }

    [Theory]
    [InlineData(30_000, 10)]
    [InlineData(12_000, 9_000)]
    public async Task AbsurdPixelCount_Is422_WithoutDecoding(int width, int height)
    {
        var analyzer = new FakePhotoAnalyzer();
        await using var host = await WebHost.InMemoryAsync(analyzer);
        byte[] png = TestImages.PngHeaderOnly(width, height);
        Assert.True(png.Length < 1000);
        var (status, json) = await PostAsync(host.Client, Form(png, "huge.png", contentType: "image/png"));
        Assert.Equal(422, status);
        Assert.StartsWith($"huge.png: image too large ({width}x{height} px", ErrorMessage(json, 422), StringComparison.Ordinal);
        Assert.Equal(0, analyzer.Calls);
    }

    [Fact]
    public async Task WrongMethodAndUnknownPath_GetJsonErrors()
    {
        await using var host = await WebHost.InMemoryAsync(new FakePhotoAnalyzer());
        using HttpResponseMessage get = await host.Client.GetAsync(Predict);
        var (status, json) = await ReadAsync(get);
        Assert.Equal(405, status);
        ErrorMessage(json, 405);

        using HttpResponseMessage missing = await host.Client.GetAsync("api/v1/nothing");
        (status, json) = await ReadAsync(missing);
        Assert.Equal(404, status);
        Assert.Contains("/api/v1/nothing", ErrorMessage(json, 404), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FullQueue_Is503WithRetryAfter()
    {
        using var hold = new ManualResetEventSlim(false);
        var analyzer = new FakePhotoAnalyzer { Hold = hold };
        var options = new FaceMaskWebOptions { MaxConcurrentAnalyses = 1, MaxQueuedRequests = 1 };
        await using var host = await WebHost.InMemoryAsync(analyzer, options);
        byte[] png = TestImages.Png(16, 16, SKColors.Red);
        var running = host.Client.PostAsync(Predict, Raw(png));
        var waiting = host.Client.PostAsync(Predict, Raw(png));
        await WaitUntil(() => analyzer.Calls == 1);
        await Task.Delay(200); // let the second request reach the line

        using HttpResponseMessage refused = await host.Client.PostAsync(Predict, Raw(png));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("1", refused.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ErrorMessage((await ReadAsync(refused)).Json, 503);

        hold.Set();
        Assert.Equal(HttpStatusCode.OK, (await running).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await waiting).StatusCode);
        Assert.Equal(1, analyzer.MaxRunning);
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition(), "timed out waiting");
    }
}
