using System.ComponentModel;
using FaceMask.Export;
using FaceMask.Models;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Commands;

/// <summary>
/// <c>facemask export</c>: a saved model as one ONNX file that ONNX Runtime runs on raw pixels, and/or as a copy of the
/// model folder with half-precision weights.
/// </summary>
internal sealed class ExportCommand(IAnsiConsole console) : Command<ExportCommand.Options>
{
    internal sealed class Options : CommandSettings
    {
        [CommandOption("--model <DIR>")]
        [Description("Model folder (holds model.json); default: the model shipped with the program.")]
        public string? Model { get; init; }

        [CommandOption("--onnx <FILE>")]
        [Description("The ONNX file to write.")]
        public string? Onnx { get; init; }

        [CommandOption("--half <DIR>")]
        [Description("Write a copy of the model folder to DIR with its weights stored as float16 (half the size; loaded back as float32).")]
        public string? Half { get; init; }

        [CommandOption("--overwrite")]
        [Description("Replace the ONNX file or the --half folder if it exists.")]
        public bool Overwrite { get; init; }
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        if (settings.Onnx is null && settings.Half is null)
        {
            throw new FaceMaskException("--onnx FILE or --half DIR is required");
        }

        string model = ModelStore.ResolveDirectory(settings.Model);
        if (settings.Half is { } half)
        {
            var manifest = HalfPrecisionExporter.Export(model, half, settings.Overwrite);
            long bytes = new FileInfo(Path.Combine(half, manifest.WeightsFile)).Length;
            console.MarkupLineInterpolated($"wrote [bold]{half}[/] ({manifest.Arch}, float16 weights, {bytes / 1e6:0.0} MB)");
        }

        if (settings.Onnx is not { } onnx)
        {
            return 0;
        }

        var result = OnnxExporter.Export(model, onnx, settings.Overwrite);
        console.MarkupLineInterpolated($"wrote [bold]{result.Path}[/] ({result.Arch}, {result.Bytes / 1e6:0.0} MB)");
        console.MarkupLineInterpolated($"input  {result.Input}");
        console.MarkupLineInterpolated($"output probabilities: float32 [[N, {result.Classes.Count}]] for {string.Join(", ", result.Classes)}");
        return 0;
    }
}
