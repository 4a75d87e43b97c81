using FaceMask.Onnx;
using FaceMask.Tests.Support;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using Xunit;
using DataType = Onnx.TensorProto.Types.DataType;

namespace FaceMask.Tests.Onnx;

/// <summary>Graphs built with <see cref="OnnxGraphBuilder"/> read back by <see cref="OnnxModel"/>, copied into another graph, and run by ONNX Runtime.</summary>
public sealed class OnnxGraphTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void AWrittenModelReadsBack()
    {
        var graph = new OnnxGraphBuilder("g");
        graph.AddInput("x", DataType.Float, ["N", 4L]);
        graph.AddFloats("w", [4], [1f, 2f, 3f, 4f]);
        graph.AddNode("Mul", "y", ["x", "w"], OnnxAttribute.Ints("unused", 2, 2), OnnxAttribute.Int("zero", 0));
        graph.AddOutput("y", DataType.Float, ["N", 4L]);
        string path = Write("m.onnx", graph, new StringStringEntryProto { Key = "k", Value = "v" });

        var read = OnnxModel.Read(path);
        Assert.Equal(8, read.Proto.IrVersion);
        Assert.Equal(17, Assert.Single(read.Proto.OpsetImport).Version);
        Assert.Equal("v", Assert.Single(read.Proto.MetadataProps).Value);
        Assert.Equal(["x"], read.Inputs);
        Assert.Equal(["y"], read.Outputs);
        Assert.Equal([1f, 2f, 3f, 4f], read.FloatValues("w"));
        var node = Assert.Single(read.Nodes);
        Assert.Equal("Mul", node.OpType);
        Assert.Equal(["x", "w"], node.Input);
        Assert.Equal(["y"], node.Output);
        Assert.Equal([2L, 2L], node.Ints("unused", []));
        Assert.Equal(0, node.Int("zero", 7)); // proto3 writes no 0, but the type says the attribute is there
        Assert.Equal(7, node.Int("missing", 7));
        Assert.False(node.HasSubgraph());
    }

    [Fact]
    public void NamesAreUniqueInAGraph()
    {
        var graph = new OnnxGraphBuilder("g");
        graph.AddInput("x", DataType.Float, [2L]);
        graph.AddNode("Relu", "y", ["x"]);
        Assert.Throws<InvalidOperationException>(() => graph.AddFloats("x", [1], [0f]));
        Assert.Throws<InvalidOperationException>(() => graph.AddNode("Relu", "y", ["x"]));
        Assert.Throws<ArgumentException>(() => graph.AddFloats("z", [3], [0f]));
    }

    [Fact]
    public void CopyingAGraphRenamesOnlyClashingNames()
    {
        // source: y = Mul(in, w); z = Add(y, k)   — "w" and "y" clash with names the target already has
        var source = new OnnxGraphBuilder("source");
        source.AddInput("in", DataType.Float, [2L]);
        source.AddFloats("w", [2], [3f, 4f]);
        source.AddFloats("k", [2], [1f, 1f]);
        source.AddNode("Mul", "y", ["in", "w"]);
        source.AddNode("Add", "z", ["y", "k"]);
        source.AddOutput("z", DataType.Float, [2L]);
        string path = Write("source.onnx", source);

        var target = new OnnxGraphBuilder("target");
        target.AddInput("x", DataType.Float, [2L]);
        target.AddFloats("w", [2], [0f, 0f]);
        target.AddNode("Relu", "y", ["x"]);
        string output = OnnxGraphCopier.Copy(target, OnnxModel.Read(path), "in", "y", "z", "copy/");
        Assert.Equal("z", output);
        target.AddOutput("z", DataType.Float, [2L]);
        string merged = Write("merged.onnx", target);

        var read = OnnxModel.Read(merged);
        Assert.Equal(["w", "copy/w", "k"], read.Graph.Initializer.Select(i => i.Name));
        Assert.Equal(["y: Relu(x)->y", "copy/y: Mul(y,copy/w)->copy/y", "z: Add(copy/y,k)->z"], read.Nodes.Select(n => $"{n.Name}: {n.OpType}({string.Join(",", n.Input)})->{string.Join(",", n.Output)}"));

        // and ONNX Runtime computes it: relu(x) * [3, 4] + 1
        using var session = new InferenceSession(merged, new SessionOptions { IntraOpNumThreads = 1 });
        using var x = OrtValue.CreateTensorValueFromMemory(new[] { -1f, 2f }, [2]);
        using var results = session.Run(new RunOptions(), ["x"], [x], ["z"]);
        Assert.Equal([1f, 9f], results[0].GetTensorDataAsSpan<float>().ToArray());
    }

    [Fact]
    public void AFileThatIsNotAnOnnxModelIsAClearError()
    {
        string path = temp.Write("bad.onnx", [0xFF, 0xFF, 0xFF, 0x01, 0x02]);
        var ex = Assert.Throws<FaceMaskException>(() => OnnxModel.Read(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);

        ex = Assert.Throws<FaceMaskException>(() => OnnxModel.Read(temp["missing.onnx"]));
        Assert.Contains("cannot read", ex.Message, StringComparison.Ordinal);
    }

    private string Write(string name, OnnxGraphBuilder graph, params StringStringEntryProto[] metadata)
    {
        var model = new ModelProto { IrVersion = 8, Graph = graph.Graph, OpsetImport = { new OperatorSetIdProto { Version = 17 } }, MetadataProps = { metadata } };
        string path = temp[name];
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }
}
