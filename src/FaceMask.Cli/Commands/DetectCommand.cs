using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using FaceMask.Cli.Rendering;
using FaceMask.Cli.Settings;
using FaceMask.Detection;
using FaceMask.Inference;
using FaceMask.Models;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Commands;

/// <summary><c>facemask detect</c>: find the faces in photos, classify each, print them and optionally write annotated copies.</summary>
internal sealed class DetectCommand(IAnsiConsole console) : Command<DetectCommand.Options>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    internal sealed class Options : FaceFindingSettings
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

        [CommandOption(UnsureOption.Template)]
        [Description(UnsureOption.Description)]
        public double? UnsureBelow { get; init; }

        [CommandOption(EngineOption.Template)]
        [Description(EngineOption.Description + " (default onnx).")]
        public string? Engine { get; init; }

        public override ValidationResult Validate() =>
            UnsureOption.Validate(UnsureBelow) is { Successful: false } unsure ? unsure : EngineOption.Validate(Engine);
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        var files = ImageClassifier.ExpandPaths(settings.Paths);
        if (files.Count == 0)
        {
            throw new FaceMaskException($"no images found in {string.Join(", ", settings.Paths)}");
        }

        if (settings.Annotate is not null)
        {
            // Refuse to replace annotated copies before loading the models.
            _ = PhotoFileBatch.AnnotatedTargets(files, settings.Annotate, settings.Overwrite);
        }

        string modelDirectory = ModelStore.ResolveDirectory(settings.Model);
        PhotoAnalyzerOptions options = settings.AnalyzerOptions(ModelStore.ReadManifest(modelDirectory).FaceCrop) with
        {
            UnsureBelow = settings.UnsureBelow,
            Engine = EngineOption.Resolve(settings.Engine, InferenceEngine.OnnxRuntime),
            ModelThreads = Environment.ProcessorCount, // one photo at a time: its faces may use every core (libtorch does by default)
        };
        using var analyzer = PhotoAnalyzer.Open(modelDirectory, options);
        var results = PhotoFileBatch.Analyze(analyzer, files, settings.Annotate, settings.Overwrite, cancellationToken);

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
            var faces = results.SelectMany(r => r.Analysis?.Faces ?? []).ToArray();
            if (AnswerText.Summary(faces.Length, faces.Count(f => f.Unsure), analyzer.Calibration) is { } summary)
            {
                console.WriteLine(summary);
            }

            if (settings.Annotate is not null)
            {
                console.MarkupLine($"annotated copies in [bold]{Markup.Escape(settings.Annotate!)}[/]");
            }
        }

        return results.Any(r => r.Error is not null) ? 2 : 0;
    }

    private static Table Table(IReadOnlyList<PhotoFileResult> results, IReadOnlyList<string> classes)
    {
        var table = new Table().AddColumn("image").AddColumn("face").AddColumn("box (x, y, w, h)").AddColumn(new TableColumn("score").RightAligned()).AddColumn("label");
        foreach (string c in classes)
        {
            table.AddColumn(new TableColumn(Markup.Escape(c)).RightAligned());
        }

        foreach (var (path, analysis, error, _) in results)
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
                    AnswerText.Label(face.Label, face.Probabilities, face.Unsure),
                };
                cells.AddRange(classes.Select(c => face.Probabilities.TryGetValue(c, out float v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : string.Empty));
                table.AddRow(cells.ToArray());
            }
        }

        return table;
    }
}
