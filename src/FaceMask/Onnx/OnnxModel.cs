using Google.Protobuf;
using Onnx;

namespace FaceMask.Onnx;

/// <summary>
/// An ONNX model read from a file: OnnxSharp's <see cref="ModelProto"/> (the messages generated from onnx.proto,
/// parsed by Google.Protobuf) and the file's path, with the look-ups the importer and the exporters use.
/// </summary>
internal sealed class OnnxModel
{
    private readonly Dictionary<string, TensorProto> initializers = new(StringComparer.Ordinal);

    private OnnxModel(string path, ModelProto proto)
    {
        Path = path;
        Proto = proto;
        foreach (var tensor in proto.Graph.Initializer)
        {
            initializers[tensor.Name] = tensor;
        }

        Inputs = proto.Graph.Input.Select(i => i.Name).Where(n => !initializers.ContainsKey(n)).ToList();
        Outputs = proto.Graph.Output.Select(o => o.Name).ToList();
    }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    /// <summary>The whole model as stored.</summary>
    public ModelProto Proto { get; }

    /// <summary>The model's graph.</summary>
    public GraphProto Graph => Proto.Graph;

    /// <summary>Producer name and version (e.g. "CNTK 2.6").</summary>
    public string Producer => Proto.ProducerVersion.Length == 0 ? Proto.ProducerName : $"{Proto.ProducerName} {Proto.ProducerVersion}";

    /// <summary>Graph nodes in file order (ONNX requires topological order).</summary>
    public IReadOnlyList<NodeProto> Nodes => Proto.Graph.Node;

    /// <summary>Graph input names; initializers that old exporters also list as inputs are left out.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>Graph output names.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="FaceMaskException">The file is missing or not a readable ONNX model; the message names it.</exception>
    public static OnnxModel Read(string path)
    {
        ModelProto proto;
        try
        {
            using var stream = File.OpenRead(path);
            proto = ModelProto.Parser.ParseFrom(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FaceMaskException($"{path}: cannot read the ONNX file ({ex.Message})", ex);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new FaceMaskException($"{path}: not a readable ONNX model ({ex.Message})", ex);
        }

        return proto.Graph is null
            ? throw new FaceMaskException($"{path}: not a readable ONNX model (no graph)")
            : new OnnxModel(path, proto);
    }

    /// <summary>An initializer by name.</summary>
    /// <exception cref="FaceMaskException">The graph has no such initializer.</exception>
    public TensorProto Initializer(string name) => initializers.TryGetValue(name, out var t)
        ? t
        : throw new FaceMaskException($"{Path}: the graph has no initializer '{name}'");

    /// <summary>The values of the float initializer <paramref name="name"/>, row-major.</summary>
    /// <exception cref="FaceMaskException">The graph has no such initializer, or it does not hold as many floats as its shape says.</exception>
    public float[] FloatValues(string name)
    {
        try
        {
            return OnnxTensor.FloatValues(Initializer(name));
        }
        catch (InvalidDataException ex)
        {
            throw new FaceMaskException($"{Path}: {ex.Message}", ex);
        }
    }
}
