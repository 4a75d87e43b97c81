namespace FaceMask.Export;

/// <summary>An ONNX <c>ModelProto</c>: IR version, operator sets, producer, documentation, metadata and the graph.</summary>
internal sealed class OnnxModel
{
    // ModelProto, OperatorSetIdProto and StringStringEntryProto field numbers (onnx.proto)
    private const int IrVersionField = 1;
    private const int ProducerNameField = 2;
    private const int ProducerVersionField = 3;
    private const int DocStringField = 6;
    private const int GraphField = 7;
    private const int OpsetImportField = 8;
    private const int MetadataPropsField = 14;
    private const int OpsetDomainField = 1;
    private const int OpsetVersionField = 2;
    private const int EntryKeyField = 1;
    private const int EntryValueField = 2;

    /// <summary>ONNX IR version.</summary>
    public required long IrVersion { get; init; }

    /// <summary>Imported operator sets: domain ("" is ai.onnx) and version.</summary>
    public required IReadOnlyList<(string Domain, long Version)> Opsets { get; init; }

    /// <summary>The graph.</summary>
    public required OnnxGraph Graph { get; init; }

    /// <summary>Name of the program that wrote the model.</summary>
    public string ProducerName { get; init; } = "facemask";

    /// <summary>Version of the program that wrote the model.</summary>
    public string ProducerVersion { get; init; } = typeof(OnnxModel).Assembly.GetName().Version?.ToString() ?? "0";

    /// <summary>A human-readable description (Markdown).</summary>
    public string? DocString { get; init; }

    /// <summary>Named metadata (keys distinct), shown by ONNX Runtime as custom metadata.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; } = [];

    /// <summary>Writes the encoded ModelProto to <paramref name="stream"/> (the graph, the bulk of it, is not copied again).</summary>
    public void WriteTo(Stream stream)
    {
        var header = new ProtoMessage()
            .Int64(IrVersionField, IrVersion)
            .String(ProducerNameField, ProducerName)
            .String(ProducerVersionField, ProducerVersion);
        if (DocString is not null)
        {
            header.String(DocStringField, DocString);
        }

        foreach (var (domain, version) in Opsets)
        {
            header.Bytes(OpsetImportField, new ProtoMessage().String(OpsetDomainField, domain).Int64(OpsetVersionField, version).ToArray());
        }

        foreach (var (key, value) in Metadata)
        {
            header.Bytes(MetadataPropsField, new ProtoMessage().String(EntryKeyField, key).String(EntryValueField, value).ToArray());
        }

        // Fields may come in any order: the header, then the graph field written straight to the stream.
        stream.Write(header.ToArray());
        ProtoMessage.WriteField(stream, GraphField, Graph.Encode());
    }
}
