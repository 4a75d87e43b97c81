using System.Net;
using System.Text.Json;
using FaceMask.Detection;
using FaceMask.Tests.Support;
using FaceMask.Video;
using FaceMask.Web.Hosting;
using Xunit;

namespace FaceMask.Tests.Web.Api;

/// <summary><c>POST /api/v1/video</c>: the CLI's JSON for a clip, its size and duration limits, refusals that name the upload, the 503 line.</summary>
public sealed class VideoApiTests
{
    private const string Route = "api/v1/video";

    [VideoFact(NeedsDetector = true)]
    public async Task AnswersWithTheSameJsonAsTheCommandLine()
    {
        using var dir = new TempDirectory();
        string clip = TestVideos.Pattern(dir.Path, "clip.mp4", seconds: 2);
        string model = DetectionFixture.SaveTinyModel(dir["model"]);
        using var photos = PhotoAnalyzer.Open(model);
        using var video = new VideoAnalyzer(photos);
        int before = TempUploads();
        await using var host = await WebHost.InMemoryAsync(new FakePhotoAnalyzer(), video: video);

        var (status, api) = await ApiRequests.PostAsync(host.Client, ApiRequests.Form(File.ReadAllBytes(clip), "clip.mp4", contentType: "video/mp4"), Route);
        Assert.Equal(200, status);
        Assert.Equal("clip.mp4", api.GetProperty("path").GetString());
        Assert.Equal(20, api.GetProperty("frames").GetInt64());
        Assert.True(api.GetProperty("complete").GetBoolean());
        Assert.Equal(before, TempUploads()); // the temporary copy is gone

        var (code, output) = CliRunner.Run("video", clip, "--model", model, "--json");
        Assert.Equal(0, code);
        using JsonDocument cli = JsonDocument.Parse(output);
        Assert.Equal(Names(cli.RootElement), Names(api));
        foreach (string property in new[] { "model", "width", "height", "framesPerSecond", "durationSeconds", "frames", "detectEvery", "complete", "unsureBelow", "tracks", "counts", "unsure", "timeline", "people" })
        {
            Assert.Equal(JsonSerializer.Serialize(cli.RootElement.GetProperty(property)), JsonSerializer.Serialize(api.GetProperty(property)));
        }
    }

    [VideoFact]
    public async Task RefusesWhatIsNotAVideoNamingTheUpload()
    {
        using var video = new BlockingVideoAnalyzer();
        await using var host = await WebHost.InMemoryAsync(new FakePhotoAnalyzer(), video: video);
        var (status, json) = await ApiRequests.PostAsync(host.Client, ApiRequests.Form("meeting notes"u8.ToArray(), "notes.mp4", contentType: "video/mp4"), Route);
        Assert.Equal(415, status);
        string message = json.GetProperty("error").GetProperty("message").GetString()!;
        Assert.StartsWith("notes.mp4: not a video", message);
        Assert.DoesNotContain("facemask-video-", message);
        Assert.False(video.Started.IsSet);
    }

    [VideoFact]
    public async Task RefusesClipsOverTheSizeAndDurationLimits()
    {
        using var dir = new TempDirectory();
        byte[] clip = File.ReadAllBytes(TestVideos.Pattern(dir.Path, "clip.mp4", seconds: 3));
        using var video = new BlockingVideoAnalyzer();

        await using (var host = await WebHost.InMemoryAsync(new FakePhotoAnalyzer(), new FaceMaskWebOptions { MaxVideoBytes = clip.Length - 1 }, video: video))
        {
            var (status, json) = await ApiRequests.PostAsync(host.Client, ApiRequests.Raw(clip, "video/mp4"), Route);
            Assert.Equal(413, status);
            Assert.Contains("upload too large", json.GetProperty("error").GetProperty("message").GetString());
        }

        await using (var host = await WebHost.InMemoryAsync(new FakePhotoAnalyzer(), new FaceMaskWebOptions { MaxVideoSeconds = 2 }, video: video))
        {
            var (status, json) = await ApiRequests.PostAsync(host.Client, ApiRequests.Form(clip, "long.mp4", contentType: "video/mp4"), Route);
            Assert.Equal(422, status);
            Assert.Equal("long.mp4: refused: the video lasts 3 s (the limit is 2 s)", json.GetProperty("error").GetProperty("message").GetString());
        }

        Assert.False(video.Started.IsSet);
    }

    [Fact]
    public async Task WithoutAVideoAnalyzerTheEndpointSaysSo()
    {
        await using var host = await WebHost.InMemoryAsync(new FakePhotoAnalyzer());
        var (status, json) = await ApiRequests.PostAsync(host.Client, ApiRequests.Raw([1, 2, 3], "video/mp4"), Route);
        Assert.Equal(501, status);
        Assert.Equal("video analysis is not enabled on this server", json.GetProperty("error").GetProperty("message").GetString());
    }

    [VideoFact]
    public async Task ABusyServerAnswers503WithRetryAfter()
    {
        using var dir = new TempDirectory();
        byte[] clip = File.ReadAllBytes(TestVideos.Pattern(dir.Path, "clip.mp4", seconds: 1));
        using var video = new BlockingVideoAnalyzer();
        await using var host = await WebHost.InMemoryAsync(new FakePhotoAnalyzer(), new FaceMaskWebOptions { MaxConcurrentAnalyses = 1, MaxQueuedRequests = 0 }, video: video);

        Task<HttpResponseMessage> first = host.Client.PostAsync(Route, ApiRequests.Raw(clip, "video/mp4"));
        Assert.True(video.Started.Wait(TimeSpan.FromSeconds(30)));
        using HttpResponseMessage second = await host.Client.PostAsync(Route, ApiRequests.Raw(clip, "video/mp4"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal("1", second.Headers.RetryAfter?.ToString());

        video.Release();
        using HttpResponseMessage released = await first;
        Assert.Equal(HttpStatusCode.BadRequest, released.StatusCode); // the blocking analyzer's own refusal, naming the upload
        Assert.Contains("\"upload: released\"", await released.Content.ReadAsStringAsync());
    }

    private static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    private static int TempUploads() => Directory.GetDirectories(Path.GetTempPath(), "facemask-video-*").Length;
}
