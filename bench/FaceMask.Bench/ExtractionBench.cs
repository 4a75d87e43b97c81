using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaceMask.Data;
using FaceMask.Features;
using FaceMask.ResNet;

namespace FaceMask.Bench;

/// <summary>
/// Backbone feature extraction at the batch limit (issue #18): (a) ONNX Runtime alone — ResNet18 passes/s at each
/// batch size (a batch of B images runs with their B mirrors, 2B passes, as extraction does), per session layout
/// (sessions × intra-op threads); (b) one thread decoding alone; (c) the whole feature load path, uncached — read,
/// decode, extract — in images/s (an image is two passes: itself and its mirror), batch 1 as before
/// (one session per core) and batched; and the time to open a session pair. Wall and process CPU seconds; the load average at the start says whether the
/// machine was idle.
/// Usage: dotnet run -c Release --project bench/FaceMask.Bench -- extract [--data DIR] [--limit N] [--batches 1,8,16,32]
/// [--layouts 1x2,2x1] [--seconds S] [--default-heap] [--out FILE]
/// </summary>
internal static class ExtractionBench
{
    public static int Run(string[] args)
    {
        string data = BenchmarkApp.Arg(args, "--data") ?? BenchmarkApp.FindSharedImages() ?? throw new InvalidOperationException("no --data and no shared images");
        int limit = int.Parse(BenchmarkApp.Arg(args, "--limit") ?? "1000", CultureInfo.InvariantCulture);
        int[] batches = Ints(BenchmarkApp.Arg(args, "--batches") ?? "1,8,16,32");
        double seconds = double.Parse(BenchmarkApp.Arg(args, "--seconds") ?? "10", CultureInfo.InvariantCulture);
        int cores = Environment.ProcessorCount;
        var layouts = (BenchmarkApp.Arg(args, "--layouts") ?? $"1x{cores},{cores}x1").Split(',')
            .Select(l => l.Split('x')).Select(p => (Workers: int.Parse(p[0], CultureInfo.InvariantCulture), Threads: int.Parse(p[1], CultureInfo.InvariantCulture)))
            .Distinct().ToList();
        string output = BenchmarkApp.Arg(args, "--out") ?? Path.Combine(BenchmarkApp.RepoRoot(), "bench", "results", "extraction.json");

        var result = new JsonObject
        {
            ["command"] = "dotnet run -c Release --project bench/FaceMask.Bench -- extract " + string.Join(' ', args),
            ["machine"] = new JsonObject { ["cores"] = cores, ["os"] = Environment.OSVersion.ToString(), ["dotnet"] = Environment.Version.ToString() },
            ["load_average_at_start"] = BatchBench.LoadAverage(),
            ["dataset"] = data,
            ["heap_kept"] = BenchmarkApp.KeepHeap(args),
        };

        string staged = Stage(data, limit);
        try
        {
            var backbone = ResNet18Backbone.Locate();
            List<string> files = Directory.EnumerateFiles(staged, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            result["images"] = files.Count;
            byte[] images = DecodeSample(files, 64);
            result["session_open_seconds"] = OpenTimes(backbone);

            var raw = new JsonArray();
            foreach (var (workers, threads) in layouts)
            {
                foreach (int batch in batches)
                {
                    Console.Error.WriteLine($"onnx runtime alone: {workers}x{threads}, batch {batch}");
                    raw.Add(OnnxAlone(backbone, images, workers, threads, batch, seconds));
                }
            }

            result["onnx_runtime_alone"] = raw;
            Console.Error.WriteLine("decoding alone, one thread");
            result["decode_alone_one_thread"] = DecodeAlone(files);

            var loads = new JsonArray
            {
                Load(staged, "before: batch 1 (an image and its mirror, one run of 2), one single-thread session per core, as many decoding threads",
                    new ExtractionOptions { Workers = cores, ThreadsPerWorker = 1, BatchSize = 1, Decoders = cores }),
            };
            foreach (var (workers, threads) in layouts)
            {
                foreach (int batch in batches.Where(b => b > 1))
                {
                    loads.Add(Load(staged, $"batched: {workers}x{threads}, batch {batch}, one decoder",
                        new ExtractionOptions { Workers = workers, ThreadsPerWorker = threads, BatchSize = batch, Decoders = 1 }));
                }
            }

            loads.Add(Load(staged, "the default", ExtractionOptions.Default));
            result["load_uncached"] = loads;
            result["default_options"] = JsonSerializer.SerializeToNode(ExtractionOptions.Default);
            JsonNode limitRow = raw.Where(r => r!["batch"]!.GetValue<int>() == 16)
                .MaxBy(r => r!["passes_per_s"]!.GetValue<double>()) ?? raw.MaxBy(r => r!["passes_per_s"]!.GetValue<double>())!;
            double limitImages = limitRow["images_per_s"]!.GetValue<double>();
            double defaultImages = loads[^1]!["images_per_s"]!.GetValue<double>();
            result["summary"] = new JsonObject
            {
                ["limit"] = "ONNX Runtime alone, runs of 32 passes (16 images and their mirrors), best layout",
                ["limit_passes_per_s"] = limitRow["passes_per_s"]!.GetValue<double>(),
                ["limit_images_per_s"] = limitImages,
                ["before_images_per_s"] = loads[0]!["images_per_s"]!.GetValue<double>(),
                ["default_images_per_s"] = defaultImages,
                ["default_fraction_of_limit"] = Math.Round(defaultImages / limitImages, 3),
            };
        }
        finally
        {
            Directory.Delete(staged, recursive: true);
        }

        string json = result.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        Console.WriteLine(json);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        FaceMask.IO.AtomicFile.WriteAllText(output, json + "\n");
        return 0;
    }

    /// <summary>ResNet18 passes/s with <paramref name="workers"/> sessions running batches of <paramref name="batch"/> images (2× with mirrors) side by side.</summary>
    private static JsonObject OnnxAlone(ResNet18Backbone backbone, byte[] images, int workers, int threads, int batch, double seconds)
    {
        int available = images.Length / FeatureExtractor.ImageLength;
        byte[] input = new byte[batch * FeatureExtractor.ImageLength];
        for (int i = 0; i < batch; i++)
        {
            images.AsSpan((i % available) * FeatureExtractor.ImageLength, FeatureExtractor.ImageLength).CopyTo(input.AsSpan(i * FeatureExtractor.ImageLength));
        }

        var extractors = Enumerable.Range(0, workers).Select(_ => new FeatureExtractor(backbone, threads, batch)).ToList();
        try
        {
            int runs = 0;
            var output = new float[workers][];
            for (int w = 0; w < workers; w++)
            {
                output[w] = new float[batch * FeatureExtractor.PairLength];
                extractors[w].ExtractPairs(input, output[w]); // warm-up: allocations for this batch size
            }

            var (wall, cpu) = Timed(() =>
            {
                var clock = Stopwatch.StartNew();
                var threadsRunning = Enumerable.Range(0, workers).Select(w => new Thread(() =>
                {
                    while (clock.Elapsed.TotalSeconds < seconds)
                    {
                        extractors[w].ExtractPairs(input, output[w]);
                        Interlocked.Increment(ref runs);
                    }
                })).ToList();
                threadsRunning.ForEach(t => t.Start());
                threadsRunning.ForEach(t => t.Join());
            });
            double done = (double)runs * batch;
            return new JsonObject
            {
                ["layout"] = $"{workers}x{threads}",
                ["batch"] = batch,
                ["passes_a_run"] = 2 * batch,
                ["runs"] = runs,
                ["wall_seconds"] = Math.Round(wall, 3),
                ["cpu_seconds"] = Math.Round(cpu, 3),
                ["passes_per_s"] = Math.Round(2 * done / wall, 1),
                ["images_per_s"] = Math.Round(done / wall, 1),
            };
        }
        finally
        {
            extractors.ForEach(e => e.Dispose());
        }
    }

    /// <summary>Opening a <see cref="FeatureExtractor"/>: the first time (ONNX files read and rewritten with a symbolic batch dimension), then again.</summary>
    private static JsonObject OpenTimes(ResNet18Backbone backbone)
    {
        var clock = Stopwatch.StartNew();
        using (new FeatureExtractor(backbone, 1))
        {
            double first = clock.Elapsed.TotalSeconds;
            clock.Restart();
            using (new FeatureExtractor(backbone, 1))
            {
                return new JsonObject { ["first"] = Math.Round(first, 3), ["again"] = Math.Round(clock.Elapsed.TotalSeconds, 3) };
            }
        }
    }

    private static JsonObject DecodeAlone(List<string> files)
    {
        var chw = new byte[FeatureExtractor.ImageLength];
        var (wall, cpu) = Timed(() =>
        {
            foreach (string file in files)
            {
                try
                {
                    ImageDecoder.DecodeInto(File.ReadAllBytes(file), file, ResNet18Backbone.InputSize, ResizeMode.CenterCrop, chw);
                }
                catch (ImageDecodeException)
                {
                    // counted like a usable file: the load path reads it too
                }
            }
        });
        return new JsonObject { ["wall_seconds"] = Math.Round(wall, 3), ["cpu_seconds"] = Math.Round(cpu, 3), ["images_per_s"] = Math.Round(files.Count / wall, 1) };
    }

    private static JsonObject Load(string root, string label, ExtractionOptions extraction)
    {
        Console.Error.WriteLine($"load: {label}");
        var options = new DatasetLoadOptions { Size = ResNet18Backbone.InputSize, Resize = ResizeMode.CenterCrop, Backbone = ResNet18Backbone.Name, UseCache = false };
        LoadedDataset? loaded = null;
        var (wall, cpu) = Timed(() => loaded = FeatureLoadStep.Load(root, options, extraction, null, CancellationToken.None));
        return new JsonObject
        {
            ["label"] = label,
            ["workers"] = extraction.Workers,
            ["threads_per_worker"] = extraction.ThreadsPerWorker,
            ["batch"] = extraction.BatchSize,
            ["decoders"] = extraction.Decoders,
            ["images"] = loaded!.Count,
            ["wall_seconds"] = Math.Round(wall, 3),
            ["cpu_seconds"] = Math.Round(cpu, 3),
            ["images_per_s"] = Math.Round(loaded.Count / wall, 1),
            ["passes_per_s"] = Math.Round(2 * loaded.Count / wall, 1),
        };
    }

    /// <summary>Copies every k-th image (in path order, so all classes and sources are in) into a temporary ImageFolder of at most <paramref name="limit"/> files.</summary>
    private static string Stage(string data, int limit)
    {
        List<string> all = Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        int step = Math.Max(1, all.Count / Math.Max(1, limit));
        string staged = Path.Combine(Path.GetTempPath(), "facemask-bench-extract-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (string file in all.Where((_, i) => i % step == 0).Take(limit))
        {
            string target = Path.Combine(staged, Path.GetRelativePath(data, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return staged;
    }

    private static byte[] DecodeSample(List<string> files, int count)
    {
        var images = new List<byte[]>();
        foreach (string file in files)
        {
            try
            {
                images.Add(ImageDecoder.DecodeResized(file, ResNet18Backbone.InputSize, ResizeMode.CenterCrop));
            }
            catch (ImageDecodeException)
            {
                continue;
            }

            if (images.Count == count)
            {
                break;
            }
        }

        return images.SelectMany(i => i).ToArray();
    }

    private static (double Wall, double Cpu) Timed(Action action)
    {
        using var process = Process.GetCurrentProcess();
        TimeSpan cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        action();
        double wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
    }

    private static int[] Ints(string list) => list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
}
