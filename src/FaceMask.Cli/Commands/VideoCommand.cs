using System.ComponentModel;
using System.Text.Json;
using FaceMask.Cli.Rendering;
using FaceMask.Cli.Settings;
using FaceMask.Detection;
using FaceMask.Inference;
using FaceMask.Models;
using FaceMask.Video;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Commands;

/// <summary><c>facemask video</c>: follow every person through videos, label each once by a vote, count them; optionally write annotated copies and timeline charts.</summary>
internal sealed class VideoCommand(IAnsiConsole console) : Command<VideoCommand.Options>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static readonly string[] VideoExtensions = [".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi", ".mpg", ".mpeg", ".wmv", ".flv", ".ts", ".y4m", ".3gp", ".ogv"];

    /// <summary>Tile levels of the face detector for videos unless --tiles says otherwise (docs/video.md, "Speed").</summary>
    internal const int DefaultTileLevels = 1;

    internal sealed class Options : FaceFindingSettings
    {
        [CommandArgument(0, "<VIDEO>")]
        [Description("Video files (any container and codec ffmpeg reads) or folders of them (searched recursively by extension).")]
        public string[] Paths { get; init; } = [];

        [CommandOption("--model <DIR>")]
        [Description("Model folder (holds model.json); default: the model shipped under <app>/models/default.")]
        public string? Model { get; init; }

        [CommandOption("--json")]
        [Description("Print JSON: per video an object with tracks, counts, timeline and speed (an array of them for several videos).")]
        public bool Json { get; init; }

        [CommandOption("--csv")]
        [Description("Print CSV: one row per person (video, person, label, unsure, times, frames, best face box, p_<class>…).")]
        public bool Csv { get; init; }

        [CommandOption("--annotate <DIR>")]
        [Description("Write <name>.annotated.mp4 (boxes, person numbers, labels, running counts) and <name>.timeline.png into DIR.")]
        public string? Annotate { get; init; }

        [CommandOption("--overwrite")]
        [Description("Replace existing annotated files.")]
        public bool Overwrite { get; init; }

        [CommandOption("--every <N>")]
        [Description("Look for faces on every Nth frame (default: about 10 times a second, e.g. every 3rd frame at 30 fps); the tracker follows faces in between.")]
        public int? Every { get; init; }

        [CommandOption("--tiles <N>")]
        [Description("Tile levels for small faces, 0-4 (default 1: measured at 720p, 2 levels as detect uses cost a third of the speed and its false boxes on large faces became extra people; 2 finds faces under ~60 px).")]
        public int? Tiles { get; init; }

        [CommandOption(UnsureOption.Template)]
        [Description(UnsureOption.Description)]
        public double? UnsureBelow { get; init; }

        [CommandOption(EngineOption.Template)]
        [Description(EngineOption.Description + " (default onnx).")]
        public string? Engine { get; init; }

        public override ValidationResult Validate()
        {
            if (Json && Csv)
            {
                return ValidationResult.Error("--json and --csv cannot be combined");
            }

            if (Every is < 1)
            {
                return ValidationResult.Error("--every must be at least 1");
            }

            if (Tiles is < 0 or > 4)
            {
                return ValidationResult.Error("--tiles must be between 0 and 4");
            }

            return UnsureOption.Validate(UnsureBelow) is { Successful: false } unsure ? unsure : EngineOption.Validate(Engine);
        }
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> files = ExpandPaths(settings.Paths);
        string[]? targets = settings.Annotate is null ? null : PlanTargets(files, settings.Annotate, settings.Overwrite);

        string modelDirectory = ModelStore.ResolveDirectory(settings.Model);
        PhotoAnalyzerOptions photoOptions = settings.AnalyzerOptions(ModelStore.ReadManifest(modelDirectory).FaceCrop) with
        {
            UnsureBelow = settings.UnsureBelow,
            Engine = EngineOption.Resolve(settings.Engine, InferenceEngine.OnnxRuntime),
            ModelThreads = Environment.ProcessorCount, // one photo at a time: its faces may use every core (libtorch does by default)
        };
        photoOptions = photoOptions with { Detector = photoOptions.Detector with { TileLevels = settings.Tiles ?? DefaultTileLevels } };

        var videoOptions = new VideoOptions { DetectEvery = settings.Every };
        using var analyzer = VideoAnalyzer.Open(modelDirectory, photoOptions, videoOptions);
        var progress = VideoProgressLine.ForConsole();
        var results = new List<(string Path, VideoAnalysis? Analysis, string? Error)>();
        for (int i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                VideoAnalysis analysis = analyzer.Analyze(files[i], progress, cancellationToken);
                progress.Finish();
                if (targets is not null)
                {
                    VideoAnnotator.Write(analysis, analyzer.Classes, targets[2 * i], videoOptions, cancellationToken);
                    VideoTimelineChart.Write(analysis, analyzer.Classes, targets[(2 * i) + 1]);
                }

                results.Add((files[i], analysis, null));
            }
            catch (FaceMaskException ex)
            {
                progress.Finish();
                results.Add((files[i], null, ex.Message));
            }
        }

        Render(settings, results, analyzer);
        return results.Any(r => r.Error is not null) ? 2 : 0;
    }

    private void Render(Options settings, List<(string Path, VideoAnalysis? Analysis, string? Error)> results, VideoAnalyzer analyzer)
    {
        if (settings.Json)
        {
            object[] payload = results.Select(r => r.Analysis is { } a ? (object)a : new { path = r.Path, error = r.Error }).ToArray();
            PlainText.WriteLine(console, payload.Length == 1 ? JsonSerializer.Serialize(payload[0], Json) : JsonSerializer.Serialize(payload, Json));
            return;
        }

        if (settings.Csv)
        {
            PlainText.WriteLine(console, VideoConsole.Csv(results, analyzer.Classes));
            return;
        }

        foreach (var (path, analysis, error) in results)
        {
            if (analysis is null)
            {
                console.MarkupLine($"[red]error:[/] {Markup.Escape(error ?? path)}");
                continue;
            }

            VideoConsole.WriteTable(console, analysis, analyzer.Classes, analyzer.Calibration);
        }

        if (settings.Annotate is not null && results.Any(r => r.Analysis is not null))
        {
            console.MarkupLine($"annotated videos and timeline charts in [bold]{Markup.Escape(settings.Annotate)}[/]");
        }
    }

    /// <summary>Files as given; folders searched recursively for video extensions, sorted.</summary>
    internal static IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths)
    {
        var result = new List<string>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                result.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => VideoExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                result.Add(path);
            }
            else
            {
                throw new FaceMaskException($"{path}: no such file or folder");
            }
        }

        return result.Count > 0 ? result : throw new FaceMaskException($"no videos found in {string.Join(", ", paths)}");
    }

    /// <summary>The annotated video and chart of each file (two per file); refuses clashes and, without --overwrite, existing files, before any work.</summary>
    private static string[] PlanTargets(IReadOnlyList<string> files, string directory, bool overwrite)
    {
        var targets = files.SelectMany(f => new[] { VideoAnnotator.TargetFor(f, directory), VideoTimelineChart.TargetFor(f, directory) }).ToArray();
        foreach (var clash in targets.GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            throw new FaceMaskException($"{clash.Key}: several videos would be annotated into the same file; annotate them separately");
        }

        if (!overwrite && targets.FirstOrDefault(File.Exists) is { } existing)
        {
            throw new FaceMaskException($"{existing}: already exists; pass --overwrite to replace it or choose another --annotate folder");
        }

        return targets;
    }
}
