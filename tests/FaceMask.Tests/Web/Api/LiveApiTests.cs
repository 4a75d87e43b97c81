using System.Net;
using System.Text.Json;
using FaceMask.Detection;
using FaceMask.Tests.Support;
using FaceMask.Video;
using FaceMask.Web.Hosting;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Web.Api;

/// <summary>The live camera API: sessions, frames answered with faces and running counts, ends and limits.</summary>
public sealed class LiveApiTests
{
    [DetectorFact]
    public async Task ASessionTakesFramesUntilItIsEnded()
    {
        using var dir = new TempDirectory();
        using var photos = PhotoAnalyzer.Open(DetectionFixture.SaveTinyModel(dir["model"]));
        using var video = new VideoAnalyzer(photos);
        await using var host = await WebHost.InMemoryAsync(new FakePhotoAnalyzer(), video: video);

        using HttpResponseMessage started = await host.Client.PostAsync("api/v1/live", null);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        string session = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("session").GetString()!;

        for (int i = 1; i <= 3; i++)
        {
            var (status, frame) = await ApiRequests.PostAsync(host.Client, ApiRequests.Raw(TestImages.Jpeg(320, 240, new SKColor(90, 120, 200)), "image/jpeg"), $"api/v1/live/{session}/frames");
            Assert.Equal(200, status);
            Assert.Equal(i, frame.GetProperty("frame").GetInt32());
            Assert.Equal(320, frame.GetProperty("width").GetInt32());
            Assert.Equal(0, frame.GetProperty("faces").GetArrayLength()); // a flat picture has no face
            Assert.Equal(0, frame.GetProperty("people").GetInt32());
            Assert.Equal(["a", "b", "c"], frame.GetProperty("counts").EnumerateObject().Select(p => p.Name));
        }

        var (bad, error) = await ApiRequests.PostAsync(host.Client, ApiRequests.Raw("not a frame"u8.ToArray(), "image/jpeg"), $"api/v1/live/{session}/frames");
        Assert.Equal(415, bad);
        Assert.Contains("not an image", error.GetProperty("error").GetProperty("message").GetString());

        using HttpResponseMessage ended = await host.Client.DeleteAsync($"api/v1/live/{session}");
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        var (gone, _) = await ApiRequests.PostAsync(host.Client, ApiRequests.Raw(TestImages.Jpeg(32, 32, SKColors.Red), "image/jpeg"), $"api/v1/live/{session}/frames");
        Assert.Equal(404, gone);
    }

    [DetectorFact]
    public async Task SessionsAreLimited()
    {
        using var dir = new TempDirectory();
        using var photos = PhotoAnalyzer.Open(DetectionFixture.SaveTinyModel(dir["model"]));
        using var video = new VideoAnalyzer(photos);
        await using var host = await WebHost.InMemoryAsync(new FakePhotoAnalyzer(), new FaceMaskWebOptions { MaxLiveSessions = 2 }, video: video);
        for (int i = 0; i < 2; i++)
        {
            using HttpResponseMessage ok = await host.Client.PostAsync("api/v1/live", null);
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        }

        using HttpResponseMessage third = await host.Client.PostAsync("api/v1/live", null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
        Assert.Equal("1", third.Headers.RetryAfter?.ToString());
    }

    [Fact]
    public async Task WithoutAVideoAnalyzerThereIsNoLiveCamera()
    {
        await using var host = await WebHost.InMemoryAsync(new FakePhotoAnalyzer());
        using HttpResponseMessage response = await host.Client.PostAsync("api/v1/live", null);
        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [SharedDataFact(NeedsDetector = true)]
    public void ALiveSessionFollowsAndCountsThePeopleInFront()
    {
        // two shared photos side by side, sent six times with a small shift (a hand-held camera): two people, each
        // numbered once, labelled as the photo path labels them
        using SKBitmap left = DetectionFixture.Decode(Path.Combine(SharedData.ImagesRoot!, RealPhotos.OneFaceEach[2]));
        using SKBitmap right = DetectionFixture.Decode(Path.Combine(SharedData.ImagesRoot!, RealPhotos.OneFaceEach[3]));
        using var photos = PhotoAnalyzer.Open(null);
        using var video = new VideoAnalyzer(photos);
        ILiveVideoSession session = video.StartLive(4);
        LiveFrame last = null!;
        for (int i = 0; i < 6; i++)
        {
            using var frame = new SKBitmap(new SKImageInfo(800, 400, SKColorType.Rgba8888, SKAlphaType.Opaque));
            using (var canvas = new SKCanvas(frame))
            {
                canvas.Clear(new SKColor(118, 128, 120));
                using SKImage leftImage = SKImage.FromBitmap(left);
                using SKImage rightImage = SKImage.FromBitmap(right);
                canvas.DrawImage(leftImage, SKRect.Create(40 + (3 * i), 50, 300, 300), new SKSamplingOptions(SKCubicResampler.Mitchell));
                canvas.DrawImage(rightImage, SKRect.Create(440 + (3 * i), 50, 300, 300), new SKSamplingOptions(SKCubicResampler.Mitchell));
            }

            last = session.Step(frame);
        }

        Assert.Equal(6, session.Frames);
        Assert.Equal(2, last.People);
        Assert.Equal([1, 2], last.Faces.Select(f => f.Id).Order());
        string[] expected = [photos.Analyze(left).Faces[0].Label, photos.Analyze(right).Faces[0].Label];
        Assert.Equal(expected, last.Faces.OrderBy(f => f.Box.X).Select(f => f.Label));
        Assert.Equal(2, last.Counts.Values.Sum() + last.Unsure);
    }
}
