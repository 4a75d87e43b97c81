using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaceMask.Data;
using FaceMask.Detection;
using FaceMask.Inference;
using FaceMask.Models;
using FaceMask.Runtime;
using SkiaSharp;

namespace FaceMask.Bench;

/// <summary>
/// Where a served photo's time goes and what batching faces saves: decoding the photo, detecting its faces, and
/// classifying face crops in batches of 1…32 (the photo's own crops repeated), with libtorch on one thread (as each
/// analyzer of the web app) and on two. Reports wall and process CPU milliseconds per face (medians), so the figures
/// stay readable on a shared machine (CPU time is what two cores can give).
/// Usage: dotnet run -c Release --project bench/FaceMask.Bench -- batch [--model DIR] [--photo FILE] [--repeats N]
/// [--sizes 1,2,4,…] [--threads 1,2] [--engine torch|onnx] [--default-heap] [--out FILE] (--default-heap: without
/// <see cref="NativeHeap.KeepActivationMemory"/>, which every facemask command applies; --engine onnx: the network in ONNX Runtime on one
/// thread, as serve runs it, so --threads does not apply).
/// </summary>
internal static class BatchBench
{
    public static int Run(string[] args)
    {
        int repeats = int.Parse(BenchmarkApp.Arg(args, "--repeats") ?? "15", CultureInfo.InvariantCulture);
        int[] sizes = (BenchmarkApp.Arg(args, "--sizes") ?? "1,2,3,4,6,8,12,16,24,32").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        string photoPath = BenchmarkApp.Arg(args, "--photo")
            ?? Path.Combine(BenchmarkApp.FindSharedImages() ?? throw new InvalidOperationException("no --photo and no shared images"), "cloth", "rman_289.jpg");
        string directory = ModelStore.ResolveDirectory(BenchmarkApp.Arg(args, "--model"));
        string output = BenchmarkApp.Arg(args, "--out") ?? Path.Combine(BenchmarkApp.RepoRoot(), "bench", "results", "batch-sizes.json");

        TorchRuntime.Configure(1, 0);
        bool heapKept = BenchmarkApp.KeepHeap(args);
        string loadAverage = LoadAverage();
        ModelManifest manifest = ModelStore.ReadManifest(directory);
        using TrainedModel model = ModelStore.Load(directory);
        PhotoAnalyzerOptions options = PhotoAnalyzerOptions.For(manifest.FaceCrop);
        using var detector = new FaceDetector(options.Detector);
        InferenceEngine engine = InferenceEngineNames.Parse(BenchmarkApp.Arg(args, "--engine") ?? "torch");
        using var classifier = new ImageClassifier(model, extraction: new Features.ExtractionOptions { Workers = 1, ThreadsPerWorker = 1 }, engine: engine);
        byte[] bytes = File.ReadAllBytes(photoPath);

        var decode = Times(repeats, () => ImageDecoder.DecodeBitmap(bytes, photoPath).Dispose());
        using SKBitmap photo = ImageDecoder.DecodeBitmap(bytes, photoPath);
        detector.Detect(photo);
        IReadOnlyList<DetectedFace> faces = [];
        var detect = Times(repeats, () => faces = detector.Detect(photo));
        if (faces.Count == 0)
        {
            throw new InvalidOperationException($"{photoPath}: no face found");
        }

        SKRectI[] regions = faces.Select(f => FaceCrop.Region(f.Box, photo.Width, photo.Height, options.Margin)).ToArray();
        var crop = Times(repeats, () =>
        {
            foreach (SKRectI region in regions)
            {
                FaceCrop.Extract(photo, region).Dispose();
            }
        });
        List<SKBitmap> crops = regions.Select(r => FaceCrop.Extract(photo, r)).ToList();
        var batches = new JsonArray();
        try
        {
            foreach (int threads in (BenchmarkApp.Arg(args, "--threads") ?? (engine == InferenceEngine.OnnxRuntime ? "1" : "1,2")).Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)))
            {
                TorchRuntime.Configure(threads, 0);
                foreach (int size in sizes)
                {
                    SKBitmap[] batch = Enumerable.Range(0, size).Select(i => crops[i % crops.Count]).ToArray();
                    string[] names = batch.Select((_, i) => $"face {i}").ToArray();
                    classifier.ClassifyImages(batch, names); // warm-up at this size
                    var times = Times(Math.Max(3, repeats * 4 / Math.Max(4, size)), () => classifier.ClassifyImages(batch, names));
                    var row = new JsonObject
                    {
                        ["threads"] = threads,
                        ["batch"] = size,
                        ["wall_ms_per_face"] = Math.Round(times.WallMs / size, 2),
                        ["cpu_ms_per_face"] = Math.Round(times.CpuMs / size, 2),
                        ["faces_per_s_wall"] = Math.Round(1000 * size / times.WallMs, 1),
                    };
                    Console.Error.WriteLine(row.ToJsonString());
                    batches.Add(row);
                }
            }
        }
        finally
        {
            crops.ForEach(c => c.Dispose());
            TorchRuntime.Configure(1, 0);
        }

        var result = new JsonObject
        {
            ["command"] = "dotnet run -c Release --project bench/FaceMask.Bench -- batch " + string.Join(' ', args),
            ["cores"] = Environment.ProcessorCount,
            ["model"] = directory,
            ["arch"] = manifest.Arch,
            ["engine"] = InferenceEngineNames.ToName(engine),
            ["photo"] = new JsonObject { ["file"] = Path.GetFileName(photoPath), ["width"] = photo.Width, ["height"] = photo.Height, ["faces"] = faces.Count },
            ["load_average_before"] = loadAverage,
            ["native_heap_kept"] = heapKept,
            ["medians_of_repeats"] = repeats,
            ["decode_photo_ms"] = new JsonObject { ["wall"] = Math.Round(decode.WallMs, 2), ["cpu"] = Math.Round(decode.CpuMs, 2) },
            ["detect_photo_ms"] = new JsonObject { ["wall"] = Math.Round(detect.WallMs, 2), ["cpu"] = Math.Round(detect.CpuMs, 2) },
            ["crop_all_faces_ms"] = new JsonObject { ["wall"] = Math.Round(crop.WallMs, 2), ["cpu"] = Math.Round(crop.CpuMs, 2) },
            ["classify"] = batches,
        };
        string json = result.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        Console.WriteLine(json);
        FaceMask.IO.AtomicFile.WriteAllText(output, json + "\n");
        Console.Error.WriteLine($"written {output}");
        return 0;
    }

    internal static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>Median wall and process-CPU milliseconds of <paramref name="repeats"/> runs.</summary>
    private static (double WallMs, double CpuMs) Times(int repeats, Action action)
    {
        var walls = new List<double>(repeats);
        var cpus = new List<double>(repeats);
        using var process = Process.GetCurrentProcess();
        for (int i = 0; i < repeats; i++)
        {
            process.Refresh();
            TimeSpan cpu = process.TotalProcessorTime;
            long start = Stopwatch.GetTimestamp();
            action();
            walls.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            process.Refresh();
            cpus.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
        }

        return (Median(walls), Median(cpus));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
