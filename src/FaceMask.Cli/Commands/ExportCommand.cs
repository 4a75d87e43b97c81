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

        [CommandOption("--int8 <DIR>")]
        [Description("Write a copy of a fine-tuned resnet18-ft model folder to DIR with its tuned convolutions stored as int8 differences from the ImageNet weights (a quarter of float32; loaded back as float32).")]
        public string? Int8 { get; init; }

        [CommandOption("--overwrite")]
        [Description("Replace the ONNX file or the --half/--int8 folder if it exists.")]
        public bool Overwrite { get; init; }
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        if (settings.Onnx is null && settings.Half is null && settings.Int8 is null)
        {
            throw new FaceMaskException("--onnx FILE, --half DIR or --int8 DIR is required");
        }

        string model = ModelStore.ResolveDirectory(settings.Model);
        foreach (var (target, dtype) in new[] { (settings.Half, ModelManifest.Float16), (settings.Int8, ModelManifest.Int8Delta) })
        {
            if (target is null)
            {
                continue;
            }

            var manifest = ModelCopyExporter.Export(model, target, dtype, settings.Overwrite);
            long bytes = new FileInfo(Path.Combine(target, manifest.WeightsFile)).Length;
            console.MarkupLineInterpolated($"wrote [bold]{target}[/] ({manifest.Arch}, {dtype} weights, {bytes / 1e6:0.0} MB)");
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
