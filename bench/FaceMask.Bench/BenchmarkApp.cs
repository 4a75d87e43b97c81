using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaceMask.Data;
using FaceMask.Features;
using FaceMask.Models;
using FaceMask.Runtime;
using FaceMask.Training;
using static TorchSharp.torch;

namespace FaceMask.Bench;

/// <summary>
/// Speed benchmarks of the seed pipeline on the shared dataset, printed and written as JSON:
/// cold decode+resize images/s, warm cache load time, training images/s (seed5, 32×32, batch 32),
/// inference images/s (batch 256) and single-image latency; then the same measurements by the PyTorch
/// reference script on the same tensors, with the ratios.
/// Usage: dotnet run -c Release --project bench/FaceMask.Bench -- [--data DIR] [--out FILE] [--threads N] [--no-python] [--default-heap]
/// </summary>
internal static class BenchmarkApp
{
    public static int Run(string[] args)
    {
        string data = Arg(args, "--data") ?? FindSharedImages() ?? throw new InvalidOperationException("no --data and ../shared/datasets/facemask/images not found");
        string output = Arg(args, "--out") ?? Path.Combine(RepoRoot(), "bench", "results", "seed-pipeline.json");
        int threads = int.Parse(Arg(args, "--threads") ?? "2", CultureInfo.InvariantCulture);
        bool python = !args.Contains("--no-python");
        var result = new JsonObject
        {
            ["machine"] = new JsonObject { ["cores"] = Environment.ProcessorCount, ["os"] = Environment.OSVersion.ToString(), ["dotnet"] = Environment.Version.ToString() },
            ["dataset"] = data,
            ["threads"] = threads,
        };

        string cache = Path.Combine(Path.GetTempPath(), "facemask-bench-cache-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var clock = Stopwatch.StartNew();
            var loaded = DatasetLoader.Load(data, new DatasetLoadOptions { Size = 32, CacheDirectory = cache });
            double cold = clock.Elapsed.TotalSeconds;
            result["images"] = loaded.Count;
            result["decode_resize_images_per_s_cold"] = Math.Round(loaded.Count / cold, 1);
            result["cold_load_seconds"] = Math.Round(cold, 3);

            var warm = new List<double>();
            for (int i = 0; i < 5; i++)
            {
                clock.Restart();
                var again = DatasetLoader.Load(data, new DatasetLoadOptions { Size = 32, CacheDirectory = cache });
                warm.Add(clock.Elapsed.TotalSeconds);
                if (!again.LoadedFromCache)
                {
                    throw new InvalidOperationException("warm load decoded images again");
                }
            }

            warm.Sort();
            result["warm_cache_load_seconds_median"] = Math.Round(warm[warm.Count / 2], 4);
            result["warm_cache_load_seconds_min"] = Math.Round(warm[0], 4);

            // The reference runs first, before libtorch starts its threads in this process.
            if (python)
            {
                string tensors = Path.Combine(cache, "tensors");
                TensorExport.Write(loaded, tensors);
                var reference = PythonReference.Run(Path.Combine(RepoRoot(), "bench", "python", "bench_reference.py"), tensors, threads);
                if (reference is not null)
                {
                    result["pytorch"] = reference;
                }
            }

            TorchRuntime.Configure(threads, 0);
            result["heap_kept"] = KeepHeap(args);
            var all = Enumerable.Range(0, loaded.Count).ToArray();
            using var set = TensorSet.FromPixels(loaded.Pixels, loaded.Labels, 32, all, Normalization.Half);
            result["train_images_per_s"] = Math.Round(TrainSpeed(set, loaded.Classes.Count, threads), 1);
            (double infer, double latency) = InferenceSpeed(set, loaded.Classes.Count);
            result["infer_images_per_s"] = Math.Round(infer, 1);
            result["single_latency_ms"] = Math.Round(latency, 3);
            if (result["pytorch"] is JsonObject py)
            {
                result["ratio_train_vs_pytorch"] = Ratio(result["train_images_per_s"], py["train_images_per_s"]);
                result["ratio_infer_vs_pytorch"] = Ratio(result["infer_images_per_s"], py["infer_images_per_s"]);
                result["ratio_latency_vs_pytorch"] = Ratio(result["single_latency_ms"], py["single_latency_ms"]);
            }
        }
        finally
        {
            if (Directory.Exists(cache))
            {
                Directory.Delete(cache, recursive: true);
            }
        }

        string json = result.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        Console.WriteLine(json);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        FaceMask.IO.AtomicFile.WriteAllText(output, json + "\n");
        Console.Error.WriteLine($"written {output}");
        return 0;
    }

    private static double TrainSpeed(TensorSet set, int classes, int threads)
    {
        using var net = ModelArchitectures.Create(ModelArchitectures.Seed5, classes, 32);
        net.train();
        using var optimizer = optim.Adam(net.parameters(), lr: 0.001);
        var random = new Random(0);
        const int batch = 32;
        const int warmup = 20;
        const int steps = 400;
        var clock = new Stopwatch();
        for (int s = 0; s < warmup + steps; s++)
        {
            if (s == warmup)
            {
                clock.Start();
            }

            using var scope = NewDisposeScope();
            int start = random.Next(0, set.Count - batch);
            var x = set.Slice(start, batch);
            var y = set.Labels.narrow(0, start, batch);
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(net.forward(x), y);
            loss.backward();
            optimizer.step();
            _ = loss.item<float>();
        }

        return steps * batch / clock.Elapsed.TotalSeconds;
    }

    private static (double ImagesPerSecond, double LatencyMs) InferenceSpeed(TensorSet set, int classes)
    {
        using var net = ModelArchitectures.Create(ModelArchitectures.Seed5, classes, 32);
        net.eval();
        using var noGrad = no_grad();
        const int batch = 256;
        for (int i = 0; i < 3; i++)
        {
            using var scope = NewDisposeScope();
            _ = net.forward(set.Slice(0, batch)).softmax(1).data<float>().ToArray();
        }

        var clock = Stopwatch.StartNew();
        int images = 0;
        for (int start = 0; start + batch <= set.Count; start += batch)
        {
            using var scope = NewDisposeScope();
            _ = net.forward(set.Slice(start, batch)).softmax(1).data<float>().ToArray();
            images += batch;
        }

        double throughput = images / clock.Elapsed.TotalSeconds;
        var latencies = new List<double>();
        for (int i = 0; i < 300; i++)
        {
            clock.Restart();
            using var scope = NewDisposeScope();
            _ = net.forward(set.Slice(i, 1)).softmax(1).data<float>().ToArray();
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }

        latencies.Sort();
        return (throughput, latencies[latencies.Count / 2]);
    }

    private static JsonNode? Ratio(JsonNode? ours, JsonNode? theirs) =>
        ours is null || theirs is null ? null : JsonValue.Create(Math.Round(ours.GetValue<double>() / theirs.GetValue<double>(), 3));

    /// <summary>
    /// Keeps glibc's heap (<see cref="NativeHeap.KeepActivationMemory"/>) as the facemask CLI does for every command,
    /// unless <c>--default-heap</c> asks for glibc's own settings, to compare. Returns whether it is kept.
    /// </summary>
    internal static bool KeepHeap(string[] args) => !args.Contains("--default-heap") && NativeHeap.KeepActivationMemory();

    internal static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FaceMask.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    internal static string? FindSharedImages()
    {
        string candidate = Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "datasets", "facemask", "images"));
        return Directory.Exists(candidate) ? candidate : null;
    }
}
