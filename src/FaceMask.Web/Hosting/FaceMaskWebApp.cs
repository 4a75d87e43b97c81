using FaceMask.Inference;
using FaceMask.Video;
using FaceMask.Web.Api;
using FaceMask.Web.Page;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FaceMask.Web.Hosting;

/// <summary>
/// Builds the web app around a photo analyzer: the upload page at <c>/</c>, <c>POST /api/v1/predict</c>,
/// <c>POST /api/v1/video</c> and the live camera API under <c>/api/v1/live</c> (when a video analyzer is given),
/// <c>GET /api/v1/model</c> and <c>GET /health</c>. Every error is JSON <c>{"error": {"status", "message"}}</c>.
/// </summary>
public static class FaceMaskWebApp
{
    /// <summary>Builds (does not start) the app.</summary>
    /// <param name="analyzer">Finds and classifies faces; shared by all requests (it must be thread-safe).</param>
    /// <param name="model">What <c>GET /api/v1/model</c> reports.</param>
    /// <param name="options">Addresses and limits; null for the defaults.</param>
    /// <param name="configure">
    /// Last changes to the builder before it is built, e.g. <c>b =&gt; b.WebHost.UseTestServer()</c> in tests or
    /// console logging in the command line (the app itself logs nowhere by default).
    /// </param>
    /// <param name="video">Answers <c>POST /api/v1/video</c>; null: that endpoint answers 501.</param>
    public static WebApplication Build(IPhotoAnalyzer analyzer, ModelInfo model, FaceMaskWebOptions? options = null, Action<WebApplicationBuilder>? configure = null, IVideoAnalyzer? video = null)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(model);
        options ??= new FaceMaskWebOptions();
        options.Validate();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });
        builder.Services.AddSingleton(analyzer);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(_ => new AnalysisGate(options.MaxConcurrentAnalyses, options.MaxQueuedRequests));
        builder.Services.AddSingleton<PredictEndpoint>();
        builder.Services.AddSingleton(services => new VideoEndpoint(video, services.GetRequiredService<AnalysisGate>(), options));
        builder.Services.AddSingleton(_ => new LiveSessions(video, options, TimeProvider.System));
        builder.Services.AddSingleton<LiveEndpoint>();
        builder.Services.AddSingleton<PageAssets>();
        configure?.Invoke(builder);

        WebApplication app = builder.Build();
        app.Use((context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });
        app.UseMiddleware<ErrorHandling>();
        app.UseStatusCodePages(context => context.HttpContext.Response.HasStarted
            ? Task.CompletedTask
            : ApiJson.WriteErrorAsync(context.HttpContext, context.HttpContext.Response.StatusCode, StatusMessage(context.HttpContext)));
        MapEndpoints(app, model);
        return app;
    }

    private static void MapEndpoints(WebApplication app, ModelInfo model)
    {
        var predict = app.Services.GetRequiredService<PredictEndpoint>();
        app.MapPost(PredictEndpoint.Route, predict.HandleAsync);
        app.MapPost(VideoEndpoint.Route, app.Services.GetRequiredService<VideoEndpoint>().HandleAsync);
        var live = app.Services.GetRequiredService<LiveEndpoint>();
        app.MapPost(LiveEndpoint.Route, live.StartAsync);
        app.MapPost(LiveEndpoint.Route + "/{id}/frames", (HttpContext context, string id) => live.FrameAsync(context, id));
        app.MapDelete(LiveEndpoint.Route + "/{id}", (HttpContext context, string id) => live.StopAsync(context, id));
        app.MapGet("/api/v1/model", context => ApiJson.WriteAsync(context, StatusCodes.Status200OK, model));
        app.MapGet("/health", context => ApiJson.WriteAsync(context, StatusCodes.Status200OK, new { status = "ok" }));

        var page = app.Services.GetRequiredService<PageAssets>();
        string[] getOrHead = [HttpMethods.Get, HttpMethods.Head];
        app.MapMethods("/", getOrHead, context => page.ServeAsync(context, "/index.html"));
        foreach (string path in page.Paths)
        {
            app.MapMethods(path, getOrHead, context => page.ServeAsync(context, path));
        }
    }

    private static string StatusMessage(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => $"no such endpoint: {context.Request.Method} {context.Request.Path}",
        StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {context.Request.Path}",
        int status => $"request failed with status {status}",
    };
}
