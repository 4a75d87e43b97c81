using System.ComponentModel;
using System.Globalization;
using FaceMask.Cli.Settings;
using FaceMask.Detection;
using FaceMask.Inference;
using FaceMask.Models;
using FaceMask.Runtime;
using FaceMask.Video;
using FaceMask.Web.Api;
using FaceMask.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Commands;

/// <summary><c>facemask serve</c>: the upload page and the REST API on a local address until Ctrl+C.</summary>
internal sealed class ServeCommand(IAnsiConsole console) : AsyncCommand<ServeCommand.Options>
{
    internal sealed class Options : FaceFindingSettings
    {
        [CommandOption("--model <DIR>")]
        [Description("Model folder (holds model.json); default: the model shipped under <app>/models/default.")]
        public string? Model { get; init; }

        [CommandOption("--urls <URLS>")]
        [Description("Addresses to listen on, separated by ';' (default http://127.0.0.1:5000; port 0 picks a free one).")]
        public string Urls { get; init; } = FaceMaskWebOptions.DefaultUrl;

        [CommandOption("--concurrency <N>")]
        [Description("Photos analysed at once; more requests wait in line (default: one per core).")]
        public int Concurrency { get; init; } = Environment.ProcessorCount;

        [CommandOption("--max-batch <N>")]
        [Description("Most faces, from any requests, classified in one pass of the network (default 8; 1: each photo's faces alone, no batching).")]
        public int MaxBatch { get; init; } = FaceBatcherOptions.DefaultMaxBatchSize;

        [CommandOption("--batch-window <MS>")]
        [Description("Longest wait of a face for others to fill its batch, in milliseconds, while other photos are being searched for faces (default 5).")]
        public double BatchWindow { get; init; } = FaceBatcherOptions.DefaultWindowMilliseconds;

        [CommandOption(UnsureOption.Template)]
        [Description(UnsureOption.Description)]
        public double? UnsureBelow { get; init; }

        [CommandOption(EngineOption.Template)]
        [Description(EngineOption.Description + " (default onnx).")]
        public string? Engine { get; init; }

        public override ValidationResult Validate() =>
            Concurrency is < 1 or > 64 ? ValidationResult.Error("--concurrency must be between 1 and 64")
            : MaxBatch is < 1 or > 256 ? ValidationResult.Error("--max-batch must be between 1 and 256")
            : !(BatchWindow is >= 0 and <= 1000) ? ValidationResult.Error("--batch-window must be between 0 and 1000 ms")
            : UnsureOption.Validate(UnsureBelow) is { Successful: false } unsure ? unsure
            : EngineOption.Validate(Engine);

        /// <summary>The web options these settings give: addresses, batching, and photos in analysis at once (cores × batch size when batched).</summary>
        internal FaceMaskWebOptions WebOptions() => new()
        {
            Urls = Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            MaxConcurrentAnalyses = MaxBatch > 1 ? Concurrency * MaxBatch : Concurrency,
            MaxBatchSize = MaxBatch,
            BatchWindowMilliseconds = BatchWindow,
        };
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        // One thread per analysis for the network (ONNX Runtime by default, or libtorch) and for face detection; --concurrency copies of the analyzer (each detects
        // or, unbatched, analyses one photo at a time) and as many batch workers, so about that many cores are busy.
        TorchRuntime.Configure(1, 0);
        using PhotoAnalyzerPool analyzer = OpenModel(settings, out ModelInfo model);
        FaceMaskWebOptions options = settings.WebOptions();
        // POST /api/v1/video runs on the first copy: its lock serialises the clip's face detection (and, unbatched, its
        // classification) with that copy's photos; batched, the clip's faces join the shared batches.
        using var video = new VideoAnalyzer((PhotoAnalyzer)analyzer.Members[0]);
        await using WebApplication app = FaceMaskWebApp.Build(
            analyzer,
            model,
            options,
            builder => builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning),
            video);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            throw new FaceMaskException($"{settings.Urls}: cannot listen there ({ex.Message})", ex);
        }

        ICollection<string> addresses = app.Urls;
        string unsure = model.Calibration.UnsureBelow > 0
            ? string.Create(CultureInfo.InvariantCulture, $"; unsure below {model.Calibration.UnsureBelow:0.###}")
            : string.Empty;
        console.MarkupLine($"Model [bold]{Markup.Escape(analyzer.ModelId)}[/] ({Markup.Escape(string.Join(", ", analyzer.Classes))}){unsure}");
        foreach (string address in addresses)
        {
            console.MarkupLine($"Serving on [link]{Markup.Escape(address)}[/]  (page /, POST /api/v1/predict, POST /api/v1/video, GET /api/v1/model, GET /health)");
        }

        console.MarkupLine("Press Ctrl+C to stop.");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await app.StopAsync(CancellationToken.None);
        console.MarkupLine("stopped");
        return 0;
    }

    /// <summary>
    /// <c>--concurrency</c> copies of the analyzer for the model folder (face finding and unsure threshold as the options
    /// say) and what <c>GET /api/v1/model</c> reports for them, the calibration in effect included.
    /// </summary>
    internal static PhotoAnalyzerPool OpenModel(Options settings, out ModelInfo model)
    {
        string modelDirectory = ModelStore.ResolveDirectory(settings.Model);
        ModelManifest manifest = ModelStore.ReadManifest(modelDirectory);
        PhotoAnalyzerOptions analysis = settings.AnalyzerOptions(manifest.FaceCrop) with
        {
            UnsureBelow = settings.UnsureBelow,
            Engine = EngineOption.Resolve(settings.Engine, InferenceEngine.OnnxRuntime),
        };
        if (settings.MaxBatch > 1)
        {
            var batching = new FaceBatcherOptions { MaxBatchSize = settings.MaxBatch, WindowMilliseconds = settings.BatchWindow };
            BatchedPhotoAnalyzers set = BatchedPhotoAnalyzers.Open(modelDirectory, analysis, batching, settings.Concurrency);
            var shared = new PhotoAnalyzerPool(set.Analyzers, exclusive: false, owner: set);
            model = ModelInfo.FromManifest(manifest, shared.ModelId, set.Analyzers[0].Calibration, analysis.Engine);
            return shared;
        }

        var analyzers = new List<PhotoAnalyzer>(settings.Concurrency);
        try
        {
            for (int i = 0; i < settings.Concurrency; i++)
            {
                analyzers.Add(PhotoAnalyzer.Open(modelDirectory, analysis));
            }

            var pool = new PhotoAnalyzerPool(analyzers);
            model = ModelInfo.FromManifest(manifest, pool.ModelId, analyzers[0].Calibration, analysis.Engine);
            return pool;
        }
        catch
        {
            analyzers.ForEach(a => a.Dispose());
            throw;
        }
    }
}
