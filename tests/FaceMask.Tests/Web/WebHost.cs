using FaceMask.Inference;
using FaceMask.Web.Api;
using FaceMask.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace FaceMask.Tests.Web;

/// <summary>The web app around an analyzer, started in memory (TestServer) or on a free loopback port (Kestrel).</summary>
internal sealed class WebHost : IAsyncDisposable
{
    private WebHost(WebApplication app, HttpClient client, Uri address)
    {
        App = app;
        Client = client;
        Address = address;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    /// <summary>Base address (http://127.0.0.1:PORT/ for Kestrel).</summary>
    public Uri Address { get; }

    public static ModelInfo ModelOf(IPhotoAnalyzer analyzer) => new(
        analyzer.ModelId, "seed5", analyzer.Classes, 32, new Dictionary<string, double> { ["accuracy"] = 0.75, ["macro_f1"] = 0.7 }, new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc),
        analyzer is FakePhotoAnalyzer fake ? new CalibrationInEffect(1.0, fake.UnsureBelow) : CalibrationInEffect.None, "torch");

    /// <summary>In memory: no socket, no Kestrel limits (the app's own limits still apply).</summary>
    public static async Task<WebHost> InMemoryAsync(IPhotoAnalyzer analyzer, FaceMaskWebOptions? options = null, ModelInfo? model = null, FaceMask.Video.IVideoAnalyzer? video = null)
    {
        WebApplication app = FaceMaskWebApp.Build(analyzer, model ?? ModelOf(analyzer), options, b => b.WebHost.UseTestServer(), video);
        await app.StartAsync();
        HttpClient client = app.GetTestClient();
        return new WebHost(app, client, client.BaseAddress!);
    }

    /// <summary>Real Kestrel on 127.0.0.1 with a port the system picks.</summary>
    public static async Task<WebHost> LoopbackAsync(IPhotoAnalyzer analyzer, FaceMaskWebOptions? options = null, ModelInfo? model = null, FaceMask.Video.IVideoAnalyzer? video = null)
    {
        var withPort = (options ?? new FaceMaskWebOptions()) with { Urls = ["http://127.0.0.1:0"] };
        WebApplication app = FaceMaskWebApp.Build(analyzer, model ?? ModelOf(analyzer), withPort, video: video);
        await app.StartAsync();
        string url = app.Urls.Single();
        var address = new Uri(url.TrimEnd('/') + "/");
        return new WebHost(app, new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) }, address);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
