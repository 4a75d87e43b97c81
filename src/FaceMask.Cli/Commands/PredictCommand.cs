using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FaceMask.Cli.Rendering;
using FaceMask.Cli.Settings;
using FaceMask.Detection;
using FaceMask.Inference;
using FaceMask.Models;
using FaceMask.Reporting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Commands;

/// <summary><c>facemask predict</c>: label and class probabilities for image files or folders.</summary>
internal sealed class PredictCommand(IAnsiConsole console) : Command<PredictCommand.Options>
{
    internal sealed class Options : CommandSettings
    {
        [CommandArgument(0, "<PATH>")]
        [Description("Image files or folders (searched recursively).")]
        public string[] Paths { get; init; } = [];

        [CommandOption("--model <DIR>")]
        [Description("Model folder (holds model.json); default: the shipped model (models/default).")]
        public string? Model { get; init; }

        [CommandOption("--json")]
        [Description("Print JSON instead of a table.")]
        public bool Json { get; init; }

        [CommandOption("--csv")]
        [Description("Print CSV (path,pred,unsure,p_<class>…,error) instead of a table.")]
        public bool Csv { get; init; }

        [CommandOption(UnsureOption.Template)]
        [Description(UnsureOption.Description)]
        public double? UnsureBelow { get; init; }

        public override ValidationResult Validate() => UnsureOption.Validate(UnsureBelow);
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        string modelDirectory = ModelStore.ResolveDirectory(settings.Model);
        using var model = ModelStore.Load(modelDirectory);
        var files = ImageClassifier.ExpandPaths(settings.Paths);
        if (files.Count == 0)
        {
            throw new FaceMaskException($"no images found in {string.Join(", ", settings.Paths)}");
        }

        var predictions = FilePredictor.Classify(model, files, settings.UnsureBelow, cancellationToken);
        var classes = model.Manifest.Classes;
        if (settings.Json)
        {
            var payload = predictions.Select(p => new { path = p.Path, label = p.Label, unsure = p.Unsure, probabilities = p.Probabilities, error = p.Error });
            Rendering.PlainText.WriteLine(console, JsonSerializer.Serialize(payload, new JsonSerializerOptions { WriteIndented = true }));
        }
        else if (settings.Csv)
        {
            var sb = new StringBuilder("path,pred,unsure");
            foreach (string c in classes)
            {
                sb.Append(",p_").Append(PredictionsCsvExporter.Csv(c));
            }

            sb.Append(",error\n");
            foreach (var p in predictions)
            {
                sb.Append(PredictionsCsvExporter.Csv(p.Path)).Append(',').Append(p.Label is null ? string.Empty : PredictionsCsvExporter.Csv(p.Label))
                    .Append(',').Append(p.Label is null ? string.Empty : p.Unsure ? "true" : "false");
                foreach (string c in classes)
                {
                    sb.Append(',').Append(p.Probabilities.TryGetValue(c, out float v) ? v.ToString("0.######", CultureInfo.InvariantCulture) : string.Empty);
                }

                sb.Append(',').Append(p.Error is null ? string.Empty : PredictionsCsvExporter.Csv(p.Error)).Append('\n');
            }

            Rendering.PlainText.WriteLine(console, sb.ToString().TrimEnd('\n'));
        }
        else
        {
            var table = new Table().AddColumn("image").AddColumn("label");
            foreach (string c in classes)
            {
                table.AddColumn(new TableColumn(Markup.Escape(c)).RightAligned());
            }

            foreach (var p in predictions)
            {
                var cells = new List<string> { Markup.Escape(p.Path), p.Label is null ? $"[red]{Markup.Escape(p.Error ?? "error")}[/]" : AnswerText.Label(p.Label, p.Probabilities, p.Unsure) };
                cells.AddRange(classes.Select(c => p.Probabilities.TryGetValue(c, out float v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : string.Empty));
                table.AddRow(cells.ToArray());
            }

            console.Write(table);
            int answered = predictions.Count(p => p.Label is not null);
            if (AnswerText.Summary(answered, predictions.Count(p => p.Unsure), CalibrationInEffect.For(model.Manifest, settings.UnsureBelow)) is { } summary)
            {
                console.WriteLine(summary);
            }
        }

        return predictions.Any(p => p.Error is not null) ? 2 : 0;
    }
}
