using System.Globalization;
using System.Text.Json;
using FaceMask.Models;
using FaceMask.Onnx;
using Onnx;

namespace FaceMask.Export;

/// <summary>
/// What makes an exported file self-describing: <c>metadata_props</c> entries (class names, input size, resize mode,
/// normalisation, input and output layout) and a Markdown <c>doc_string</c> saying the same in words.
/// </summary>
internal static class OnnxMetadata
{
    /// <summary>Name of the graph input.</summary>
    public const string InputName = "image";

    /// <summary>Name of the graph output.</summary>
    public const string OutputName = "probabilities";

    /// <summary>Name of the symbolic batch dimension.</summary>
    public const string BatchDimension = "N";

    /// <summary>The metadata entries for a model described by <paramref name="manifest"/>.</summary>
    /// <param name="manifest">The exported model's manifest.</param>
    /// <param name="normalization">How the graph normalises the pixels, in words.</param>
    /// <param name="extra">Architecture-specific entries, appended.</param>
    public static IReadOnlyList<KeyValuePair<string, string>> Entries(ModelManifest manifest, string normalization, params (string Key, string Value)[] extra)
    {
        var entries = new List<KeyValuePair<string, string>>
        {
            new("arch", manifest.Arch),
            new("classes", JsonSerializer.Serialize(manifest.Classes)),
            new("input_size", manifest.InputSize.ToString(CultureInfo.InvariantCulture)),
            new("resize", manifest.Resize),
            new("normalization", normalization),
            new("input", InputDescription(manifest)),
            new("output", $"{OutputName}: float32 [{BatchDimension}, {manifest.Classes.Count}], class probabilities (softmax) in the order of 'classes'"),
            new("weights_sha256", manifest.WeightsSha256 ?? string.Empty),
            new("producer", $"facemask export {typeof(OnnxMetadata).Assembly.GetName().Version}"),
        };
        if (manifest.FaceCrop is { } crop)
        {
            entries.Add(new("face_crop", $"trained on {crop}: feed each face's square crop (BlazeFace {crop.Detector}, box widened by {crop.Margin.ToString(CultureInfo.InvariantCulture)} of its longer side on every side), or the whole image when no face scores {crop.Threshold.ToString(CultureInfo.InvariantCulture)}"));
        }

        entries.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)));
        return entries;
    }

    /// <summary>
    /// The model around <paramref name="graph"/>: the standard operator set <paramref name="opset"/>, the metadata
    /// entries, and the same entries as its doc string.
    /// </summary>
    public static ModelProto Model(OnnxGraphBuilder graph, ModelManifest manifest, IReadOnlyList<KeyValuePair<string, string>> entries, long irVersion, long opset) => new()
    {
        IrVersion = irVersion,
        ProducerName = "facemask",
        ProducerVersion = typeof(OnnxMetadata).Assembly.GetName().Version?.ToString() ?? "0",
        DocString = DocString(manifest, entries),
        Graph = graph.Graph,
        OpsetImport = { new OperatorSetIdProto { Domain = string.Empty, Version = opset } },
        MetadataProps = { entries.Select(e => new StringStringEntryProto { Key = e.Key, Value = e.Value }) },
    };

    /// <summary>The model's doc string: every metadata entry as a Markdown list under a title.</summary>
    public static string DocString(ModelManifest manifest, IReadOnlyList<KeyValuePair<string, string>> entries) =>
        $"# FaceMask {manifest.Arch} face-mask type classifier\n\n" +
        "Feed raw pixels: the graph does the normalisation. " +
        "Predicted class = the index of the largest probability, named by 'classes'.\n\n" +
        string.Join('\n', entries.Select(e => $"- **{e.Key}**: {e.Value}")) + "\n";

    /// <summary>The input layout and how images must be brought to it.</summary>
    public static string InputDescription(ModelManifest manifest)
    {
        string resize = manifest.Resize == "center-crop"
            ? "the shorter side resized to the input size and the centre square kept"
            : "resized to the input size, ignoring the aspect ratio";
        return $"{InputName}: float32 [{BatchDimension}, 3, {manifest.InputSize}, {manifest.InputSize}], planar RGB (all red values, then green, then blue), " +
            $"0-255 (not scaled), each image decoded with EXIF orientation applied, then {resize} ({manifest.Resize})";
    }

    /// <summary>A normalisation as text: <c>(x / 255 - mean) / std with mean [..] and std [..]</c>.</summary>
    public static string Describe(Normalization normalization) =>
        $"(x / 255 - mean) / std per channel (R, G, B), mean [{Join(normalization.Mean)}], std [{Join(normalization.Std)}]";

    private static string Join(float[] values) => string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
