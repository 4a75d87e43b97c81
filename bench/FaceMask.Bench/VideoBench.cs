using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaceMask.Data;
using FaceMask.Detection;
using FaceMask.Inference;
using FaceMask.Video;
using SkiaSharp;

namespace FaceMask.Bench;

/// <summary>
/// Frames per second of <c>facemask video</c> (decode, detect, track, classify) at 480p and 720p with 1, 5 and 20
/// faces: test videos are made with ffmpeg (a slow pan over a grid of shared face pictures, 30 fps) in a temporary
/// folder and analysed with <c>facemask video</c>'s defaults (one tile level), then at 720p with detect's two.
/// Usage: dotnet run -c Release --project bench/FaceMask.Bench -- video [--seconds 4] [--engine torch|onnx] [--machine TEXT] [--out FILE]
/// (--engine: what runs the classifier, as <c>facemask video --engine</c>, its ONNX Runtime sessions on every core as
/// <c>video</c> runs them; --machine: a note on what else ran, written into the JSON).
/// </summary>
internal static class VideoBench
{
    private const int Fps = 30;

    public static int Run(string[] args)
    {
        double seconds = double.Parse(BenchmarkApp.Arg(args, "--seconds") ?? "4", CultureInfo.InvariantCulture);
        string output = BenchmarkApp.Arg(args, "--out") ?? Path.Combine(BenchmarkApp.RepoRoot(), "bench", "results", "video.json");
        string images = BenchmarkApp.FindSharedImages() ?? throw new InvalidOperationException("the shared images are needed for the faces");
        string folder = Directory.CreateTempSubdirectory("facemask-video-bench-").FullName;
        string loadBefore = File.ReadAllText("/proc/loadavg").Trim();
        var rows = new JsonArray();
        InferenceEngine engine = InferenceEngineNames.Parse(BenchmarkApp.Arg(args, "--engine") ?? "torch");
        var analysis = new PhotoAnalyzerOptions { Engine = engine, ModelThreads = Environment.ProcessorCount };
        try
        {
            using var photos = PhotoAnalyzer.Open(null, analysis with { Detector = new FaceDetectorOptions { TileLevels = 1 } });
            var faces = PickFaces(photos, images, 20);
            _ = Measure(photos, MakeVideo(folder, faces.Take(1).ToArray(), 854, 480, 1), 854, 480, 1, tiles: 1); // warm-up (JIT, first model runs), not recorded
            foreach (var (width, height) in new[] { (854, 480), (1280, 720) })
            {
                foreach (int count in new[] { 1, 5, 20 })
                {
                    string video = MakeVideo(folder, faces.Take(count).ToArray(), width, height, seconds);
                    rows.Add(Measure(photos, video, width, height, count, tiles: 1));
                }
            }

            // the photo path's two tile levels, for comparison (at 854x480 a second level has no tiles: the same as one)
            using var twoLevels = PhotoAnalyzer.Open(null, analysis);
            foreach (int count in new[] { 1, 5, 20 })
            {
                rows.Add(Measure(twoLevels, Path.Combine(folder, $"1280x720-{count}.mp4"), 1280, 720, count, tiles: 2));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        var result = new JsonObject
        {
            ["command"] = "dotnet run -c Release --project bench/FaceMask.Bench -- video " + string.Join(' ', args),
            ["date_utc"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            ["cores"] = Environment.ProcessorCount,
            ["machine"] = BenchmarkApp.Arg(args, "--machine") ?? "not described (see the load averages)",
            ["engine"] = InferenceEngineNames.ToName(engine),
            ["load_average_before"] = loadBefore,
            ["load_average_after"] = File.ReadAllText("/proc/loadavg").Trim(),
            ["video"] = string.Create(CultureInfo.InvariantCulture, $"{seconds} s at {Fps} fps, H.264: a slow pan over a grid of shared face pictures (each found alone by the detector)"),
            ["settings"] = "facemask video's defaults: the default model, faces looked for about 10 times a second (every 3rd frame at 30 fps), threshold 0.5, front detector, 1 tile level (rows with tile_levels 2: detect's setting, for comparison)",
            ["rows"] = rows,
        };
        string json = result.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Console.WriteLine(json);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        FaceMask.IO.AtomicFile.WriteAllText(output, json + "\n");
        return 0;
    }

    private static JsonObject Measure(PhotoAnalyzer photos, string video, int width, int height, int faces, int tiles)
    {
        using var analyzer = new VideoAnalyzer(photos);
        var clock = Stopwatch.StartNew();
        VideoAnalysis analysis = analyzer.Analyze(video);
        clock.Stop();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{width}x{height}, {faces} faces, tiles {tiles}: {analysis.Speed.FramesPerSecond:0.0} frames/s, {analysis.People} people"));
        return new JsonObject
        {
            ["resolution"] = $"{width}x{height}",
            ["faces_shown"] = faces,
            ["tile_levels"] = tiles,
            ["frames"] = analysis.Frames,
            ["frames_per_second"] = Math.Round(analysis.Speed.FramesPerSecond, 1),
            ["real_time_factor"] = Math.Round(analysis.Speed.RealTimeFactor, 2),
            ["people_found"] = analysis.People,
            ["detections"] = analysis.Speed.Detections,
            ["faces_classified"] = analysis.Speed.Classifications,
            ["wall_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2),
            ["tracks"] = faces > 5 ? null : new JsonArray(analysis.Tracks.Select(t => (JsonNode)string.Create(
                CultureInfo.InvariantCulture,
                $"#{t.Id} {t.Label}{(t.Unsure ? " (unsure)" : string.Empty)} {t.FirstSeconds:0.0}-{t.LastSeconds:0.0} s, {t.Frames} detections, best face {t.BestFace.X:0},{t.BestFace.Y:0} {t.BestFace.Width:0}×{t.BestFace.Height:0}")).ToArray()),
        };
    }

    /// <summary>Shared photos whose single face the detector finds, cut square around it, cycling through the classes.</summary>
    private static List<SKBitmap> PickFaces(PhotoAnalyzer photos, string images, int wanted)
    {
        var queues = Directory.GetDirectories(images).Order(StringComparer.Ordinal)
            .Select(d => new Queue<string>(Directory.GetFiles(d).Order(StringComparer.Ordinal).Take(200))).ToArray();
        var picked = new List<SKBitmap>();
        while (picked.Count < wanted && queues.Any(q => q.Count > 0))
        {
            foreach (var queue in queues.Where(q => q.Count > 0))
            {
                string path = queue.Dequeue();
                using SKBitmap photo = ImageDecoder.DecodeBitmap(File.ReadAllBytes(path), path);
                if (photo.Width >= 96 && photos.Detector.Detect(photo) is [DetectedFace face])
                {
                    picked.Add(FaceCrop.Extract(photo, FaceCrop.Region(face.Box, photo.Width, photo.Height, 0.5f)));
                    if (picked.Count == wanted)
                    {
                        break;
                    }
                }
            }
        }

        return picked;
    }

    /// <summary>A pan (40 px/s) over a canvas 1.25× the frame width with the faces on a grid.</summary>
    private static string MakeVideo(string folder, IReadOnlyList<SKBitmap> faces, int width, int height, double seconds)
    {
        int canvasWidth = (int)(width * 1.25);
        int columns = (int)Math.Ceiling(Math.Sqrt(faces.Count * 1.6));
        int rows = (int)Math.Ceiling(faces.Count / (double)columns);
        int cellWidth = width / columns;
        int cellHeight = height / rows;
        int side = (int)(Math.Min(cellWidth, cellHeight) * 0.8);
        using var canvas = new SKBitmap(new SKImageInfo(canvasWidth, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var draw = new SKCanvas(canvas))
        {
            draw.Clear(new SKColor(118, 128, 120));
            for (int i = 0; i < faces.Count; i++)
            {
                using SKImage image = SKImage.FromBitmap(faces[i]);
                float x = ((width - (columns * cellWidth)) / 2f) + ((i % columns) * cellWidth) + ((cellWidth - side) / 2f) + ((canvasWidth - width) / 2f);
                float y = ((i / columns) * cellHeight) + ((cellHeight - side) / 2f);
                draw.DrawImage(image, SKRect.Create(x, y, side, side), new SKSamplingOptions(SKCubicResampler.Mitchell));
            }
        }

        string still = Path.Combine(folder, $"canvas-{width}-{faces.Count}.png");
        using (SKData png = canvas.Encode(SKEncodedImageFormat.Png, 100))
        {
            File.WriteAllBytes(still, png.ToArray());
        }

        string video = Path.Combine(folder, $"{width}x{height}-{faces.Count}.mp4");
        int shift = canvasWidth - width;
        Ffmpeg(
            "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-loop", "1", "-framerate", Fps.ToString(CultureInfo.InvariantCulture), "-i", still,
            "-t", seconds.ToString(CultureInfo.InvariantCulture), "-vf", $"crop={width}:{height}:x='min({shift},t*40)':y=0,format=yuv420p",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", video);
        return video;
    }

    private static void Ffmpeg(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = true };
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("ffmpeg failed: " + error);
        }
    }
}
