using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaceMask.Data;
using FaceMask.Detection;
using FaceMask.Inference;
using FaceMask.Models;
using SkiaSharp;

namespace FaceMask.Bench;

/// <summary>
/// What a model folder costs to use: weights on disk, load time (first and median of the next loads) and per-face
/// latency (one face crop classified; one photo detected, cropped and classified), one thread each as the web app runs.
/// Usage: dotnet run -c Release --project bench/FaceMask.Bench -- model [--model DIR]… [--photo FILE] [--repeats N] [--out FILE]
/// </summary>
internal static class ModelBench
{
    public static int Run(string[] args)
    {
        var models = args.Select((a, i) => (a, i)).Where(p => p.a == "--model").Select(p => args[p.i + 1]).ToList();
        if (models.Count == 0)
        {
            models.Add(ModelStore.DefaultModelDirectory);
        }

        int repeats = int.Parse(BenchmarkApp.Arg(args, "--repeats") ?? "30", CultureInfo.InvariantCulture);
        string photo = BenchmarkApp.Arg(args, "--photo")
            ?? Path.Combine(BenchmarkApp.FindSharedImages() ?? throw new InvalidOperationException("no --photo and no shared images"), "cloth", "rman_289.jpg");
        string output = BenchmarkApp.Arg(args, "--out") ?? Path.Combine(BenchmarkApp.RepoRoot(), "bench", "results", "model.json");
        var result = new JsonObject
        {
            ["command"] = "dotnet run -c Release --project bench/FaceMask.Bench -- model " + string.Join(' ', args),
            ["cores"] = Environment.ProcessorCount,
            ["photo"] = photo,
            ["repeats"] = repeats,
            ["models"] = new JsonArray(models.Select(m => (JsonNode)Measure(m, photo, repeats)).ToArray()),
        };

        string json = result.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        Console.WriteLine(json);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        FaceMask.IO.AtomicFile.WriteAllText(output, json + "\n");
        return 0;
    }

    private static JsonObject Measure(string directory, string photoPath, int repeats)
    {
        Console.Error.WriteLine($"{directory}: loading");
        var clock = Stopwatch.StartNew();
        ModelStore.Load(directory).Dispose();
        double first = clock.Elapsed.TotalMilliseconds;
        var loads = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            clock.Restart();
            ModelStore.Load(directory).Dispose();
            loads.Add(clock.Elapsed.TotalMilliseconds);
        }

        var manifest = ModelStore.ReadManifest(directory);
        using var model = ModelStore.Load(directory);
        using var analyzer = new PhotoAnalyzer(model, manifest.FaceCrop is { } crop ? PhotoAnalyzerOptions.For(crop) : null);
        byte[] bytes = File.ReadAllBytes(photoPath);
        using SKBitmap photo = ImageDecoder.DecodeBitmap(bytes, photoPath);
        using var face = SKBitmap.Decode(bytes); // the whole photo as one "face crop": the classifier's cost alone
        using var classifier = new ImageClassifier(model, extraction: new Features.ExtractionOptions { Workers = 1, ThreadsPerWorker = 1 });
        classifier.ClassifyImages([face], ["face"]); // warm-up
        analyzer.Analyze(photo);
        var perFace = Times(repeats, () => classifier.ClassifyImages([face], ["face"]));
        int faces = 0;
        var perPhoto = Times(repeats, () => faces = analyzer.Analyze(photo).Faces.Count);
        return new JsonObject
        {
            ["model"] = directory,
            ["arch"] = manifest.Arch,
            ["weights_dtype"] = manifest.WeightsDtype,
            ["weights_scope"] = manifest.WeightsScope,
            ["folder_bytes"] = Directory.EnumerateFiles(directory).Sum(f => new FileInfo(f).Length),
            ["load_ms_first"] = Math.Round(first, 1),
            ["load_ms_median"] = Math.Round(Median(loads), 1),
            ["classify_one_face_ms_median"] = Math.Round(Median(perFace), 2),
            ["analyze_photo_ms_median"] = Math.Round(Median(perPhoto), 2),
            ["faces_in_photo"] = faces,
        };
    }

    private static List<double> Times(int repeats, Action action)
    {
        var times = new List<double>(repeats);
        var clock = new Stopwatch();
        for (int i = 0; i < repeats; i++)
        {
            clock.Restart();
            action();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
