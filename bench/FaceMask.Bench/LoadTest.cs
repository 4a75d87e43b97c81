using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaceMask.Data;
using FaceMask.Detection;
using FaceMask.Inference;
using FaceMask.Models;
using FaceMask.Runtime;
using FaceMask.Web.Api;
using FaceMask.Web.Hosting;
using Microsoft.AspNetCore.Builder;

namespace FaceMask.Bench;

/// <summary>
/// A bounded load test of <c>POST /api/v1/predict</c> on loopback: the real app (BlazeFace + the classifier) runs in
/// this process on 127.0.0.1 with a free port; N clients post the same real photo (multipart) back to back for a fixed
/// time; then errors, p50/p90/p99 latency and requests/s are printed and written as JSON. Every request loop stops at
/// the deadline (and no request may take over 60 s).
/// Usage: dotnet run -c Release --project bench/FaceMask.Bench -- load [--model DIR] [--photo FILE] [--clients 50]
/// [--seconds 30] [--concurrency N] [--max-batch N] [--batch-window MS] [--engine onnx|torch] [--out FILE] [--short]
/// (--short: 4 clients for 3 s, printed only, unless --out). The analyzers are built as <c>serve</c> builds them:
/// batched (shared <see cref="FaceBatcher"/>) unless <c>--max-batch 1</c>, the network in ONNX Runtime unless
/// <c>--engine torch</c>.
/// </summary>
internal static class LoadTest
{
    public static int Run(string[] args)
    {
        bool smoke = args.Contains("--short");
        int clients = int.Parse(BenchmarkApp.Arg(args, "--clients") ?? (smoke ? "4" : "50"), CultureInfo.InvariantCulture);
        double seconds = double.Parse(BenchmarkApp.Arg(args, "--seconds") ?? (smoke ? "3" : "30"), CultureInfo.InvariantCulture);
        int concurrency = int.Parse(BenchmarkApp.Arg(args, "--concurrency") ?? Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        string? output = BenchmarkApp.Arg(args, "--out") ?? (smoke ? null : Path.Combine(BenchmarkApp.RepoRoot(), "bench", "results", "load.json"));
        if (clients is < 1 or > 500 || seconds is <= 0 or > 600)
        {
            throw new ArgumentOutOfRangeException(nameof(args), "--clients must be 1-500 and --seconds 0-600");
        }

        int maxBatch = int.Parse(BenchmarkApp.Arg(args, "--max-batch") ?? FaceBatcherOptions.DefaultMaxBatchSize.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        double window = double.Parse(BenchmarkApp.Arg(args, "--batch-window") ?? FaceBatcherOptions.DefaultWindowMilliseconds.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        string photo = BenchmarkApp.Arg(args, "--photo") ?? DefaultPhoto();
        byte[] bytes = File.ReadAllBytes(photo);
        ImageHeader header = ImageHeader.Read(bytes, photo);

        TorchRuntime.Configure(1, 0);
        bool heapKept = NativeHeap.KeepActivationMemory();
        string modelDirectory = ModelStore.ResolveDirectory(BenchmarkApp.Arg(args, "--model"));
        string loadAverage = BatchBench.LoadAverage();
        InferenceEngine engine = InferenceEngineNames.Parse(BenchmarkApp.Arg(args, "--engine") ?? "onnx");
        PhotoAnalyzerOptions analysis = PhotoAnalyzerOptions.For(ModelStore.ReadManifest(modelDirectory).FaceCrop) with { Engine = engine };
        BatchedPhotoAnalyzers? batched = maxBatch > 1
            ? BatchedPhotoAnalyzers.Open(modelDirectory, analysis, new FaceBatcherOptions { MaxBatchSize = maxBatch, WindowMilliseconds = window }, concurrency)
            : null;
        using var analyzer = batched is not null
            ? new PhotoAnalyzerPool(batched.Analyzers, exclusive: false, owner: batched)
            : new PhotoAnalyzerPool([.. Enumerable.Range(0, concurrency).Select(_ => PhotoAnalyzer.Open(modelDirectory, analysis))]);
        var options = new FaceMaskWebOptions
        {
            Urls = ["http://127.0.0.1:0"],
            MaxConcurrentAnalyses = maxBatch > 1 ? concurrency * maxBatch : concurrency,
            MaxBatchSize = maxBatch,
            BatchWindowMilliseconds = window,
        };
        ModelManifest manifest = ModelStore.ReadManifest(modelDirectory);
        var app = FaceMaskWebApp.Build(analyzer, ModelInfo.FromManifest(manifest, analyzer.ModelId, CalibrationInEffect.For(manifest), engine), options);
        JsonObject result;
        try
        {
            app.StartAsync().GetAwaiter().GetResult();
            var address = new Uri(app.Urls.Single());
            result = RunClients(address, bytes, Path.GetFileName(photo), clients, seconds).GetAwaiter().GetResult();
        }
        finally
        {
            app.StopAsync().GetAwaiter().GetResult();
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        var report = new JsonObject
        {
            ["command"] = "dotnet run -c Release --project bench/FaceMask.Bench -- load " + string.Join(' ', args),
            ["measured_utc"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            ["load_average_before"] = loadAverage,
            ["machine"] = new JsonObject { ["cores"] = Environment.ProcessorCount, ["os"] = Environment.OSVersion.ToString(), ["dotnet"] = Environment.Version.ToString() },
            ["server"] = "in-process Kestrel on 127.0.0.1, clients in the same process",
            ["model"] = analyzer.ModelId,
            ["concurrent_analyses"] = concurrency,
            ["native_heap_kept"] = heapKept,
            ["engine"] = InferenceEngineNames.ToName(engine),
            ["max_batch"] = maxBatch,
            ["batch_window_ms"] = maxBatch > 1 ? window : null,
            ["photo"] = new JsonObject { ["file"] = Path.GetFileName(photo), ["bytes"] = bytes.Length, ["width"] = header.Width, ["height"] = header.Height },
            ["clients"] = clients,
            ["seconds"] = seconds,
        };
        foreach (var (key, value) in result.ToArray())
        {
            result.Remove(key);
            report[key] = value;
        }

        report["faces_per_s"] = Math.Round(report["requests_per_s"]!.GetValue<double>() * report["faces_in_photo"]!.GetValue<int>(), 1);
        if (batched is not null)
        {
            FaceBatcherStatistics stats = batched.Batcher.Statistics;
            report["batches"] = new JsonObject { ["passes"] = stats.Batches, ["faces"] = stats.Faces, ["mean_size"] = Math.Round(stats.MeanBatchSize, 2), ["largest"] = stats.LargestBatch };
        }

        string json = report.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        Console.WriteLine(json);
        if (output is not null)
        {
            FaceMask.IO.AtomicFile.WriteAllText(output, json + "\n");
            Console.Error.WriteLine($"written {output}");
        }

        return report["errors"]!.GetValue<int>() == 0 ? 0 : 1;
    }

    private static async Task<JsonObject> RunClients(Uri address, byte[] photo, string name, int clients, double seconds)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        int faces = await WarmUp(http, photo, name);

        var recorder = new LoadRecorder();
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        var tasks = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < deadline)
            {
                long start = Stopwatch.GetTimestamp();
                try
                {
                    using HttpResponseMessage response = await http.PostAsync("api/v1/predict", Form(photo, name));
                    await response.Content.ReadAsByteArrayAsync();
                    if (response.IsSuccessStatusCode)
                    {
                        recorder.Ok(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }
                    else
                    {
                        recorder.Error("http_" + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    recorder.Error(ex.GetType().Name);
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        double elapsed = clock.Elapsed.TotalSeconds;
        JsonObject summary = recorder.Summary(elapsed);
        summary["elapsed_s"] = Math.Round(elapsed, 2);
        summary["faces_in_photo"] = faces;
        return summary;
    }

    /// <summary>Three sequential requests before the clock starts (first-use costs); returns the faces found.</summary>
    private static async Task<int> WarmUp(HttpClient http, byte[] photo, string name)
    {
        int faces = 0;
        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage response = await http.PostAsync("api/v1/predict", Form(photo, name));
            string body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"warm-up request failed: {(int)response.StatusCode} {body}");
            }

            using var document = JsonDocument.Parse(body);
            faces = document.RootElement.GetProperty("faces").GetArrayLength();
        }

        return faces;
    }

    private static MultipartFormDataContent Form(byte[] photo, string name)
    {
        var file = new ByteArrayContent(photo);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return new MultipartFormDataContent { { file, "file", name } };
    }

    private static string DefaultPhoto()
    {
        string images = BenchmarkApp.FindSharedImages() ?? throw new InvalidOperationException("no --photo and ../shared/datasets/facemask/images not found");
        return Directory.EnumerateFiles(images, "*.jpg", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
    }
}
