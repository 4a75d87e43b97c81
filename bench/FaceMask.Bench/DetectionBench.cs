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
/// Face-detection measurements (docs/detection.md): for the front (128 px) and back (256 px) BlazeFace models, the
/// fraction of shared images where a face is found at several thresholds, per class; detection time per photo; and,
/// with a model and the k-fold predictions that say which images it did not train on, the accuracy of face crops at
/// several margins against classifying the whole image.
/// Usage: dotnet run -c Release --project bench/FaceMask.Bench -- detection [--data DIR] [--per-class N]
///        [--model DIR --predictions CSV --holdout-fold K [--margin-images N] [--margins-only]] [--photo FILE]… [--timings-only] [--out FILE]
/// </summary>
internal static class DetectionBench
{
    private static readonly float[] Thresholds = [0.3f, 0.4f, 0.5f, 0.6f, 0.75f];
    private static readonly float[] Margins = [0f, 0.1f, 0.25f, 0.4f, 0.6f];

    public static int Run(string[] args)
    {
        string data = BenchmarkApp.Arg(args, "--data") ?? BenchmarkApp.FindSharedImages() ?? throw new InvalidOperationException("no --data");
        int perClass = int.Parse(BenchmarkApp.Arg(args, "--per-class") ?? "200", CultureInfo.InvariantCulture);
        string output = BenchmarkApp.Arg(args, "--out") ?? Path.Combine(BenchmarkApp.RepoRoot(), "bench", "results", "detection.json");
        var photos = args.Select((a, i) => (a, i)).Where(p => p.a == "--photo").Select(p => args[p.i + 1]).ToList();
        var result = new JsonObject { ["dataset"] = data, ["per_class"] = perClass, ["cores"] = Environment.ProcessorCount };
        var sample = Sample(data, perClass);
        string group = Path.Combine(Path.GetTempPath(), "facemask-bench-group-8x160.png");
        WriteGroup(sample, group);
        photos.Add(group);
        foreach (BlazeFaceModel variant in args.Contains("--margins-only") ? [] : BlazeFaceModel.All)
        {
            Console.Error.WriteLine($"{variant.Name}: timing and found rates on {sample.Count} images");
            using var detector = new FaceDetector(new FaceDetectorOptions { Model = variant });
            using var untiled = new FaceDetector(new FaceDetectorOptions { Model = variant, TileLevels = 0 });
            result[variant.Name] = new JsonObject
            {
                ["ms_per_photo"] = Timings(detector, photos),
                ["ms_per_photo_without_tiles"] = Timings(untiled, photos),
            };
            if (!args.Contains("--timings-only"))
            {
                result[variant.Name]!["found_rate"] = FoundRates(detector, sample);
            }
        }

        File.Delete(group);

        if (BenchmarkApp.Arg(args, "--model") is { } modelDir)
        {
            string predictions = BenchmarkApp.Arg(args, "--predictions") ?? throw new InvalidOperationException("--model needs --predictions CSV (k-fold out-of-fold predictions)");
            string fold = BenchmarkApp.Arg(args, "--holdout-fold") ?? throw new InvalidOperationException("--model needs --holdout-fold K (the fold the model did not train on)");
            int limit = int.Parse(BenchmarkApp.Arg(args, "--margin-images") ?? "300", CultureInfo.InvariantCulture);
            Console.Error.WriteLine(result.ToJsonString());
            result["margins"] = MarginAccuracy(data, modelDir, predictions, fold, limit);
        }

        string json = result.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        Console.WriteLine(json);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        FaceMask.IO.AtomicFile.WriteAllText(output, json + "\n");
        return 0;
    }

    /// <summary>Up to <paramref name="perClass"/> images per class, evenly spread over each sorted class folder.</summary>
    private static List<(string Class, string Path)> Sample(string data, int perClass)
    {
        var sample = new List<(string, string)>();
        foreach (string dir in Directory.GetDirectories(data).Order(StringComparer.Ordinal))
        {
            string[] files = Directory.GetFiles(dir).Order(StringComparer.Ordinal).ToArray();
            int take = Math.Min(perClass, files.Length);
            for (int k = 0; k < take; k++)
            {
                sample.Add((Path.GetFileName(dir), files[(int)((long)k * files.Length / take)]));
            }
        }

        return sample;
    }

    /// <summary>A 1600×900 "group photo": eight sample images scaled to 160 px, on a grey background, two rows of four.</summary>
    private static void WriteGroup(List<(string Class, string Path)> sample, string target)
    {
        using var canvas = new SKBitmap(new SKImageInfo(1600, 900, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var draw = new SKCanvas(canvas))
        {
            draw.Clear(new SKColor(120, 130, 125));
            for (int i = 0; i < 8; i++)
            {
                string path = sample[(int)((long)i * sample.Count / 8)].Path;
                using SKBitmap face = ImageDecoder.DecodeBitmap(File.ReadAllBytes(path), path);
                using SKImage image = SKImage.FromBitmap(face);
                float scale = 160f / Math.Max(face.Width, face.Height);
                draw.DrawImage(image, SKRect.Create(60 + ((i % 4) * 380), 80 + ((i / 4) * 420), face.Width * scale, face.Height * scale), new SKSamplingOptions(SKCubicResampler.Mitchell));
            }
        }

        using SKData png = canvas.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(target, png.ToArray());
    }

    private static JsonObject FoundRates(FaceDetector detector, List<(string Class, string Path)> sample)
    {
        var best = new List<(string Class, float Score)>();
        foreach (var (cls, path) in sample)
        {
            try
            {
                using SKBitmap photo = ImageDecoder.DecodeBitmap(File.ReadAllBytes(path), path);
                var faces = detector.Detect(photo, Thresholds[0]);
                best.Add((cls, faces.Count == 0 ? 0f : faces.Max(f => f.Score)));
            }
            catch (FaceMaskException)
            {
                // unreadable images are skipped, as the dataset loader does
            }
        }

        var rates = new JsonObject();
        foreach (var group in best.GroupBy(b => b.Class).Append(best.GroupBy(_ => "all").First()))
        {
            var row = new JsonObject { ["images"] = group.Count() };
            foreach (float t in Thresholds)
            {
                row[t.ToString("0.00", CultureInfo.InvariantCulture)] = Math.Round(group.Count(b => b.Score >= t) / (double)group.Count(), 3);
            }

            rates[group.Key] = row;
        }

        return rates;
    }

    private static JsonObject Timings(FaceDetector detector, List<string> photos)
    {
        var timings = new JsonObject();
        foreach (string path in photos)
        {
            using SKBitmap photo = ImageDecoder.DecodeBitmap(File.ReadAllBytes(path), path);
            detector.Detect(photo);
            var ms = new List<double>();
            int faces = 0;
            for (int i = 0; i < 30; i++)
            {
                var clock = Stopwatch.StartNew();
                faces = detector.Detect(photo).Count;
                ms.Add(clock.Elapsed.TotalMilliseconds);
            }

            ms.Sort();
            timings[Path.GetFileName(path)] = new JsonObject { ["size"] = $"{photo.Width}x{photo.Height}", ["faces"] = faces, ["median_ms"] = Math.Round(ms[ms.Count / 2], 2), ["min_ms"] = Math.Round(ms[0], 2) };
        }

        return timings;
    }

    /// <summary>
    /// Held-out images (known answers): the face is detected and cropped at each margin (a) in the image itself, whose
    /// real surroundings run out at its border (the crop is shifted and shrunk to fit), and (b) with the image pasted at a
    /// random place into a grey canvas three times its size (surroundings grey); against classifying the image as is.
    /// </summary>
    private static JsonObject MarginAccuracy(string data, string modelDir, string predictions, string fold, int limit)
    {
        var all = File.ReadLines(predictions).Skip(1).Select(l => l.Split(',')).Where(c => c[^1] == fold).Select(c => (Path: c[0], True: c[1])).ToList();
        int take = Math.Min(limit, all.Count);
        var rows = Enumerable.Range(0, take).Select(k => all[(int)((long)k * all.Count / take)]).ToList();
        Console.Error.WriteLine($"margins: {rows.Count} of {all.Count} held-out images");
        using TrainedModel model = ModelStore.Load(modelDir);
        using var detector = new FaceDetector();
        using var classifier = new ImageClassifier(model);
        var random = new Random(7);
        var inPlace = new int[Margins.Length];
        var onCanvas = new int[Margins.Length];
        int foundInPlace = 0, foundOnCanvas = 0, asIsCorrect = 0, asIsWhereFound = 0;
        foreach (var (relative, truth) in rows)
        {
            string path = Path.Combine(data, relative);
            using SKBitmap image = ImageDecoder.DecodeBitmap(File.ReadAllBytes(path), path);
            bool asIs = classifier.ClassifyImages([image], ["as is"])[0].Label == truth;
            asIsCorrect += asIs ? 1 : 0;
            if (CropsCorrect(detector, classifier, image, truth, inPlace))
            {
                foundInPlace++;
                asIsWhereFound += asIs ? 1 : 0;
            }

            int side = 3 * Math.Max(image.Width, image.Height);
            using var canvas = new SKBitmap(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Opaque));
            using (var draw = new SKCanvas(canvas))
            {
                draw.Clear(new SKColor(128, 128, 128));
                using SKImage img = SKImage.FromBitmap(image);
                draw.DrawImage(img, random.Next(0, side - image.Width), random.Next(0, side - image.Height), new SKSamplingOptions(SKFilterMode.Nearest));
            }

            foundOnCanvas += CropsCorrect(detector, classifier, canvas, truth, onCanvas) ? 1 : 0;
        }

        var result = new JsonObject
        {
            ["model"] = modelDir,
            ["held_out_images"] = rows.Count,
            ["accuracy_image_as_is"] = Math.Round(asIsCorrect / (double)rows.Count, 4),
            ["face_found_in_place"] = foundInPlace,
            ["accuracy_image_as_is_where_found"] = Math.Round(asIsWhereFound / (double)Math.Max(foundInPlace, 1), 4),
            ["face_found_on_canvas"] = foundOnCanvas,
        };
        for (int m = 0; m < Margins.Length; m++)
        {
            string key = Margins[m].ToString("0.00", CultureInfo.InvariantCulture);
            result[$"in_place_margin_{key}"] = Math.Round(inPlace[m] / (double)Math.Max(foundInPlace, 1), 4);
            result[$"on_canvas_margin_{key}"] = Math.Round(onCanvas[m] / (double)Math.Max(foundOnCanvas, 1), 4);
        }

        return result;
    }

    /// <summary>Counts, per margin, whether the crop of the best face is classified right; false when no face is found.</summary>
    private static bool CropsCorrect(FaceDetector detector, ImageClassifier classifier, SKBitmap photo, string truth, int[] correct)
    {
        var faces = detector.Detect(photo);
        if (faces.Count == 0)
        {
            return false;
        }

        var crops = Margins.Select(m => FaceCrop.Extract(photo, FaceCrop.Region(faces[0].Box, photo.Width, photo.Height, m))).ToList();
        try
        {
            var labels = classifier.ClassifyImages(crops, crops.Select(_ => "crop").ToArray());
            for (int m = 0; m < Margins.Length; m++)
            {
                correct[m] += labels[m].Label == truth ? 1 : 0;
            }
        }
        finally
        {
            crops.ForEach(c => c.Dispose());
        }

        return true;
    }
}
