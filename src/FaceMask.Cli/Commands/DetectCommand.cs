using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using FaceMask.Data;
using FaceMask.Detection;
using FaceMask.Inference;
using FaceMask.IO;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Commands;

/// <summary><c>facemask detect</c>: find the faces in photos, classify each, print them and optionally write annotated copies.</summary>
internal sealed class DetectCommand(IAnsiConsole console) : Command<DetectCommand.Options>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    internal sealed class Options : CommandSettings
    {
        [CommandArgument(0, "<IMAGE>")]
        [Description("Photos or folders of photos (searched recursively).")]
        public string[] Paths { get; init; } = [];

        [CommandOption("--model <DIR>")]
        [Description("Model folder (holds model.json); default: the model shipped under <app>/models/default.")]
        public string? Model { get; init; }

        [CommandOption("--json")]
        [Description("Print JSON: per photo an object with a faces array (an array of them for several photos).")]
        public bool Json { get; init; }

        [CommandOption("--annotate <DIR>")]
        [Description("Write <name>.annotated.png with boxes and labels drawn into DIR.")]
        public string? Annotate { get; init; }

        [CommandOption("--overwrite")]
        [Description("Replace existing annotated files.")]
        public bool Overwrite { get; init; }

        [CommandOption("--threshold <X>")]
        [Description("Lowest face score kept, 0-1 (default 0.5, suited to masked faces).")]
        public float Threshold { get; init; } = FaceDetectorOptions.DefaultThreshold;

        [CommandOption("--detector <NAME>")]
        [Description("BlazeFace model: front (128 px, default) or back (256 px, smaller faces).")]
        public string Detector { get; init; } = BlazeFaceModel.Front.Name;

        [CommandOption("--margin <X>")]
        [Description("Margin added around each face before classifying, as a fraction of its size (default 0.25).")]
        public float Margin { get; init; } = FaceCrop.DefaultMargin;
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        var files = ImageClassifier.ExpandPaths(settings.Paths);
        if (files.Count == 0)
        {
            throw new FaceMaskException($"no images found in {string.Join(", ", settings.Paths)}");
        }

        string[]? targets = settings.Annotate is null ? null : AnnotatedTargets(files, settings.Annotate, settings.Overwrite);
        var options = new PhotoAnalyzerOptions
        {
            Detector = new FaceDetectorOptions { Model = BlazeFaceModel.Parse(settings.Detector), Threshold = settings.Threshold },
            Margin = settings.Margin,
        };
        using var analyzer = PhotoAnalyzer.Open(settings.Model, options);
        var results = new List<(string Path, PhotoAnalysis? Analysis, string? Error)>();
        for (int i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                byte[] bytes = ImageDecoder.ReadFile(files[i], files[i]);
                using var photo = ImageDecoder.DecodeBitmap(bytes, files[i]);
                PhotoAnalysis analysis = analyzer.Analyze(photo, cancellationToken);
                if (targets is not null)
                {
                    byte[] png = FaceAnnotator.DrawPng(photo, analysis, analyzer.Classes);
                    AtomicFile.WriteAllBytes(targets[i], png);
                }

                results.Add((files[i], analysis, null));
            }
            catch (FaceMaskException ex)
            {
                results.Add((files[i], null, ex.Message));
            }
        }

        if (settings.Json)
        {
            var payload = results.Select(r => new
            {
                path = r.Path,
                width = r.Analysis?.Width,
                height = r.Analysis?.Height,
                model = analyzer.ModelId,
                wholeImage = r.Analysis?.WholeImage,
                faces = r.Analysis?.Faces,
                error = r.Error,
            }).ToArray();
            Rendering.PlainText.WriteLine(console, payload.Length == 1 ? JsonSerializer.Serialize(payload[0], Json) : JsonSerializer.Serialize(payload, Json));
        }
        else
        {
            console.Write(Table(results, analyzer.Classes));
            if (targets is not null)
            {
                console.MarkupLine($"annotated copies in [bold]{Markup.Escape(settings.Annotate!)}[/]");
            }
        }

        return results.Any(r => r.Error is not null) ? 2 : 0;
    }

    /// <summary>Where each annotated copy goes; refuses to replace files (unless asked) and name clashes.</summary>
    private static string[] AnnotatedTargets(IReadOnlyList<string> files, string directory, bool overwrite)
    {
        var targets = files.Select(f => Path.Combine(directory, Path.GetFileNameWithoutExtension(f) + ".annotated.png")).ToArray();
        foreach (var clash in targets.GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            throw new FaceMaskException($"{clash.Key}: several photos would be annotated into the same file; annotate them separately");
        }

        if (!overwrite && targets.FirstOrDefault(File.Exists) is { } existing)
        {
            throw new FaceMaskException($"{existing}: already exists; pass --overwrite to replace it or choose another --annotate folder");
        }

        return targets;
    }

    private static Table Table(List<(string Path, PhotoAnalysis? Analysis, string? Error)> results, IReadOnlyList<string> classes)
    {
        var table = new Table().AddColumn("image").AddColumn("face").AddColumn("box (x, y, w, h)").AddColumn(new TableColumn("score").RightAligned()).AddColumn("label");
        foreach (string c in classes)
        {
            table.AddColumn(new TableColumn(Markup.Escape(c)).RightAligned());
        }

        foreach (var (path, analysis, error) in results)
        {
            if (analysis is null)
            {
                var cells = new List<string> { Markup.Escape(path), string.Empty, $"[red]{Markup.Escape(error ?? "error")}[/]", string.Empty, string.Empty };
                cells.AddRange(classes.Select(_ => string.Empty));
                table.AddRow(cells.ToArray());
                continue;
            }

            for (int i = 0; i < analysis.Faces.Count; i++)
            {
                FaceResult face = analysis.Faces[i];
                var cells = new List<string>
                {
                    Markup.Escape(path),
                    analysis.WholeImage ? "none found: whole image" : (i + 1).ToString(CultureInfo.InvariantCulture),
                    string.Create(CultureInfo.InvariantCulture, $"{face.Box.X:0}, {face.Box.Y:0}, {face.Box.Width:0}, {face.Box.Height:0}"),
                    face.DetectorScore is { } s ? s.ToString("0.000", CultureInfo.InvariantCulture) : "-",
                    $"[bold]{Markup.Escape(face.Label)}[/]",
                };
                cells.AddRange(classes.Select(c => face.Probabilities.TryGetValue(c, out float v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : string.Empty));
                table.AddRow(cells.ToArray());
            }
        }

        return table;
    }
}
