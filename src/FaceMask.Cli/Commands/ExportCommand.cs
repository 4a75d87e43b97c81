using System.ComponentModel;
using FaceMask.Export;
using FaceMask.Models;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Commands;

/// <summary><c>facemask export</c>: a saved model as one ONNX file that ONNX Runtime runs on raw pixels.</summary>
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

        [CommandOption("--overwrite")]
        [Description("Replace the ONNX file if it exists.")]
        public bool Overwrite { get; init; }
    }

    public override int Execute(CommandContext context, Options settings, CancellationToken cancellationToken)
    {
        string onnx = settings.Onnx ?? throw new FaceMaskException("--onnx FILE is required");
        var result = OnnxExporter.Export(ModelStore.ResolveDirectory(settings.Model), onnx, settings.Overwrite);
        console.MarkupLineInterpolated($"wrote [bold]{result.Path}[/] ({result.Arch}, {result.Bytes / 1e6:0.0} MB)");
        console.MarkupLineInterpolated($"input  {result.Input}");
        console.MarkupLineInterpolated($"output probabilities: float32 [[N, {result.Classes.Count}]] for {string.Join(", ", result.Classes)}");
        return 0;
    }
}
