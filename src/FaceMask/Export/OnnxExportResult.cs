namespace FaceMask.Export;

/// <summary>What <see cref="OnnxExporter"/> wrote.</summary>
/// <param name="Path">Full path of the ONNX file.</param>
/// <param name="Arch">The exported model's architecture.</param>
/// <param name="Classes">Class names, in the order of the output's columns.</param>
/// <param name="Input">The input's layout and how images must be brought to it.</param>
/// <param name="Bytes">File size.</param>
public sealed record OnnxExportResult(string Path, string Arch, IReadOnlyList<string> Classes, string Input, long Bytes);
