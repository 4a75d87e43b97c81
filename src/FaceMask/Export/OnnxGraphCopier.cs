namespace FaceMask.Export;

/// <summary>
/// Copies the graph of an existing ONNX model into another graph at the protobuf level: initializers and nodes keep
/// their bytes; a value or node name is changed only where the target already has it.
/// </summary>
internal static class OnnxGraphCopier
{
    /// <summary>
    /// Copies <paramref name="source"/>'s initializers and nodes into <paramref name="graph"/>, feeding its input
    /// <paramref name="inputName"/> from <paramref name="feed"/>; a name the graph already has gets <paramref name="prefix"/>.
    /// Returns the graph name of the output <paramref name="outputName"/>.
    /// </summary>
    public static string Copy(OnnxGraph graph, OnnxModelFile source, string inputName, string feed, string outputName, string prefix)
    {
        if (!source.Inputs.Contains(inputName) || !source.Outputs.Contains(outputName))
        {
            throw new FaceMaskException($"{source.Path}: expected input {inputName} and output {outputName}, found inputs [{string.Join(", ", source.Inputs)}] and outputs [{string.Join(", ", source.Outputs)}]");
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal) { [inputName] = feed };
        string Rename(string name) => names[name] = Unique(name, prefix, graph.Defines);

        foreach (var (name, encoded) in source.Initializers)
        {
            string renamed = Rename(name);
            graph.AddEncodedInitializer(renamed, renamed == name ? encoded.Memory : ProtoMessage.RewriteStrings(encoded, new Dictionary<int, Func<string, string>> { [OnnxTensor.NameField] = _ => renamed }));
        }

        string? unfed = source.Inputs.FirstOrDefault(i => !names.ContainsKey(i));
        if (unfed is not null)
        {
            throw new FaceMaskException($"{source.Path}: input {unfed} is neither {inputName} nor a stored weight; this model cannot be copied");
        }

        foreach (var node in source.Nodes)
        {
            if (node.HasSubgraph || node.Domain.Length != 0)
            {
                throw new FaceMaskException($"{source.Path}: node {node.OpType} ({node.Domain}) has a sub-graph or a custom domain; it cannot be copied");
            }

            var inputs = node.Inputs.Where(i => i.Length != 0).Distinct().ToDictionary(i => i, i => names.TryGetValue(i, out string? mapped) ? mapped
                : throw new FaceMaskException($"{source.Path}: {node.OpType} reads '{i}' before anything defines it"));
            var outputs = node.Outputs.Where(o => o.Length != 0).ToDictionary(o => o, Rename);
            string nodeName = node.Name.Length == 0 ? node.Name : Unique(node.Name, prefix, graph.HasNode);
            bool same = nodeName == node.Name && inputs.All(p => p.Key == p.Value) && outputs.All(p => p.Key == p.Value);
            graph.AddEncodedNode(nodeName, outputs.Values, same ? node.Encoded.Memory : node.Renamed(i => inputs[i], o => outputs[o], nodeName));
        }

        return names[outputName];
    }

    /// <summary><paramref name="name"/> if free, else <paramref name="prefix"/> + name, else with a number appended.</summary>
    private static string Unique(string name, string prefix, Func<string, bool> taken)
    {
        string unique = name;
        for (int k = 2; taken(unique); k++)
        {
            unique = k == 2 ? prefix + name : $"{prefix}{name}_{k}";
        }

        return unique;
    }
}
