using Onnx;

namespace FaceMask.Onnx;

/// <summary>
/// Copies the graph of an existing ONNX model into a graph under construction: initializers and nodes are copied
/// whole (attributes and all); a value or node name is changed only where the target already has it.
/// </summary>
internal static class OnnxGraphCopier
{
    /// <summary>
    /// Copies <paramref name="source"/>'s initializers and nodes into <paramref name="graph"/>, feeding its input
    /// <paramref name="inputName"/> from <paramref name="feed"/>; a name the graph already has gets <paramref name="prefix"/>.
    /// Returns the graph name of the output <paramref name="outputName"/>.
    /// </summary>
    /// <exception cref="FaceMaskException">The source is not a graph of standard operators from that input to that output.</exception>
    public static string Copy(OnnxGraphBuilder graph, OnnxModel source, string inputName, string feed, string outputName, string prefix)
    {
        if (source.Nodes.Count == 0 || source.Outputs.Count == 0)
        {
            throw new FaceMaskException($"{source.Path}: not an ONNX model (no graph nodes or outputs)");
        }

        if (source.Graph.SparseInitializer.Count != 0)
        {
            throw new FaceMaskException($"{source.Path}: sparse initializers are not supported by the ONNX export");
        }

        if (!source.Inputs.Contains(inputName) || !source.Outputs.Contains(outputName))
        {
            throw new FaceMaskException($"{source.Path}: expected input {inputName} and output {outputName}, found inputs [{string.Join(", ", source.Inputs)}] and outputs [{string.Join(", ", source.Outputs)}]");
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal) { [inputName] = feed };
        string Rename(string name) => names[name] = Unique(name, prefix, graph.Defines);

        foreach (var tensor in source.Graph.Initializer)
        {
            var copy = tensor.Clone();
            copy.Name = Rename(tensor.Name);
            graph.AddInitializer(copy);
        }

        string? unfed = source.Inputs.FirstOrDefault(i => !names.ContainsKey(i));
        if (unfed is not null)
        {
            throw new FaceMaskException($"{source.Path}: input {unfed} is neither {inputName} nor a stored weight; this model cannot be copied");
        }

        foreach (var node in source.Nodes)
        {
            if (node.HasSubgraph() || node.Domain.Length != 0)
            {
                throw new FaceMaskException($"{source.Path}: node {node.OpType} ({node.Domain}) has a sub-graph or a custom domain; it cannot be copied");
            }

            var copy = node.Clone();
            for (int i = 0; i < copy.Input.Count; i++)
            {
                string input = copy.Input[i];
                copy.Input[i] = input.Length == 0 ? input : names.TryGetValue(input, out string? mapped)
                    ? mapped
                    : throw new FaceMaskException($"{source.Path}: {node.OpType} reads '{input}' before anything defines it");
            }

            for (int i = 0; i < copy.Output.Count; i++)
            {
                copy.Output[i] = copy.Output[i].Length == 0 ? copy.Output[i] : Rename(copy.Output[i]);
            }

            copy.Name = copy.Name.Length == 0 ? copy.Name : Unique(copy.Name, prefix, graph.HasNode);
            graph.AddNode(copy);
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
