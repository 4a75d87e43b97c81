using System.Globalization;
using FaceMask.Inference;
using FaceMask.Onnx;
using Onnx;

namespace FaceMask.Export;

/// <summary>
/// Appends a model's prior correction (<see cref="Models.PriorCorrection"/>) to an exported graph, so the ONNX model
/// gives the labels <c>facemask predict</c> gives: the network's probabilities times each class's share raised to −τ,
/// divided by their sum (Mul, MatMul with a column of ones, Div — the same from opset 7 to 17). Without a correction the
/// graph is left as it is.
/// </summary>
internal static class PriorCorrectionOnnx
{
    /// <summary>The name the network's own probabilities get when a correction follows them.</summary>
    public const string NetworkProbabilities = "network_probabilities";

    /// <summary>Rewires <paramref name="model"/>'s <c>probabilities</c> output through the correction of <paramref name="calibration"/>.</summary>
    /// <exception cref="InvalidOperationException">No node writes the <c>probabilities</c> output.</exception>
    public static void Append(ModelProto model, CalibrationInEffect calibration)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(calibration);
        if (calibration.ClassShares is not { } shares)
        {
            return;
        }

        GraphProto graph = model.Graph;
        NodeProto last = graph.Node.LastOrDefault(n => n.Output.Contains(OnnxMetadata.OutputName))
            ?? throw new InvalidOperationException($"the exported graph has no node writing '{OnnxMetadata.OutputName}'");
        last.Output[last.Output.IndexOf(OnnxMetadata.OutputName)] = NetworkProbabilities;
        int classes = shares.Count;
        float[] weights = shares.Select(s => (float)Math.Pow(s, -calibration.PriorCorrectionStrength)).ToArray();
        graph.Initializer.Add(OnnxTensor.Floats("prior_correction_weights", [1, classes], weights));
        graph.Initializer.Add(OnnxTensor.Floats("prior_correction_ones", [classes, 1], Enumerable.Repeat(1f, classes).ToArray()));
        graph.Node.Add(Node("Mul", "prior_weighted", NetworkProbabilities, "prior_correction_weights"));
        graph.Node.Add(Node("MatMul", "prior_total", "prior_weighted", "prior_correction_ones"));
        graph.Node.Add(Node("Div", OnnxMetadata.OutputName, "prior_weighted", "prior_total"));
        string note = string.Create(CultureInfo.InvariantCulture,
            $"the network's probabilities divided by each class's training share to the power {calibration.PriorCorrectionStrength:0.###} and renormalised, as facemask predict labels them (shares: {string.Join(", ", shares.Select(s => s.ToString("0.0000", CultureInfo.InvariantCulture)))})");
        model.MetadataProps.Add(new StringStringEntryProto { Key = "prior_correction", Value = note });
        model.DocString += $"- **prior_correction**: {note}\n";
    }

    private static NodeProto Node(string op, string output, string a, string b) => new()
    {
        OpType = op,
        Name = "prior_correction_" + op.ToLowerInvariant(),
        Input = { a, b },
        Output = { output },
    };
}
