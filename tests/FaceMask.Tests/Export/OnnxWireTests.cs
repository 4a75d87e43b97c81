using FaceMask.Export;
using FaceMask.Tests.Support;
using Google.Protobuf;
using Xunit;

namespace FaceMask.Tests.Export;

/// <summary>The hand-written ONNX messages read back by the reader the resnet18 merge uses, and node renaming.</summary>
public sealed class OnnxWireTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void AWrittenModelReadsBack()
    {
        var graph = new OnnxGraph("g");
        graph.AddInput(new OnnxValueInfo("x", OnnxTensor.Float, ["N", 4L]));
        graph.AddFloats("w", [4], [1f, 2f, 3f, 4f]);
        graph.AddNode("Mul", "y", ["x", "w"]);
        graph.AddOutput(new OnnxValueInfo("y", OnnxTensor.Float, ["N", 4L]));
        var model = new OnnxModel { IrVersion = 8, Opsets = [(string.Empty, 17)], Graph = graph, Metadata = [new("k", "v")] };
        string path = temp["m.onnx"];
        using (var stream = File.Create(path))
        {
            model.WriteTo(stream);
        }

        var read = OnnxModelFile.Read(path);
        Assert.Equal(8, read.IrVersion);
        Assert.Equal([(string.Empty, 17L)], read.Opsets);
        Assert.Equal(["x"], read.Inputs);
        Assert.Equal(["y"], read.Outputs);
        Assert.Equal("w", Assert.Single(read.Initializers).Name);
        var node = Assert.Single(read.Nodes);
        Assert.Equal("Mul", node.OpType);
        Assert.Equal(["x", "w"], node.Inputs);
        Assert.Equal(["y"], node.Outputs);
        Assert.False(node.HasSubgraph);
    }

    [Fact]
    public void RenamingTouchesOnlyInputAndOutputNames()
    {
        byte[] encoded = new OnnxNode("MaxPool", "pool", ["a", string.Empty], ["b"], [OnnxAttribute.Ints("kernel_shape", 2, 2), OnnxAttribute.String("auto_pad", "NOTSET")]).Encode();
        var node = OnnxStoredNode.Parse(ByteString.CopyFrom(encoded));
        var renamed = OnnxStoredNode.Parse(ByteString.CopyFrom(node.Renamed(i => "in/" + i, o => "out/" + o)));
        Assert.Equal(["in/a", string.Empty], renamed.Inputs);
        Assert.Equal(["out/b"], renamed.Outputs);
        Assert.Equal("MaxPool", renamed.OpType);

        // renaming back gives the original bytes: names, attributes and field order are kept
        byte[] back = renamed.Renamed(i => i["in/".Length..], o => o["out/".Length..]);
        Assert.Equal(encoded, back);
    }

    [Fact]
    public void CopyingAGraphRenamesOnlyClashingNames()
    {
        // source: y = Mul(in, w); z = Add(y, k)   — "w" and "y" clash with names the target already has
        var source = new OnnxGraph("source");
        source.AddInput(new OnnxValueInfo("in", OnnxTensor.Float, [2L]));
        source.AddFloats("w", [2], [3f, 4f]);
        source.AddFloats("k", [2], [1f, 1f]);
        source.AddNode("Mul", "y", ["in", "w"]);
        source.AddNode("Add", "z", ["y", "k"]);
        source.AddOutput(new OnnxValueInfo("z", OnnxTensor.Float, [2L]));
        string path = temp["source.onnx"];
        using (var stream = File.Create(path))
        {
            new OnnxModel { IrVersion = 8, Opsets = [(string.Empty, 17)], Graph = source }.WriteTo(stream);
        }

        var target = new OnnxGraph("target");
        target.AddInput(new OnnxValueInfo("x", OnnxTensor.Float, [2L]));
        target.AddFloats("w", [2], [0f, 0f]);
        target.AddNode("Relu", "y", ["x"]);
        string output = OnnxGraphCopier.Copy(target, OnnxModelFile.Read(path), "in", "y", "z", "copy/");
        Assert.Equal("z", output);

        string merged = temp["merged.onnx"];
        target.AddOutput(new OnnxValueInfo("z", OnnxTensor.Float, [2L]));
        using (var stream = File.Create(merged))
        {
            new OnnxModel { IrVersion = 8, Opsets = [(string.Empty, 17)], Graph = target }.WriteTo(stream);
        }

        var read = OnnxModelFile.Read(merged);
        Assert.Equal(["w", "copy/w", "k"], read.Initializers.Select(i => i.Name));
        Assert.Equal(["y: Relu(x)->y", "copy/y: Mul(y,copy/w)->copy/y", "z: Add(copy/y,k)->z"], read.Nodes.Select(n => $"{n.Name}: {n.OpType}({string.Join(",", n.Inputs)})->{string.Join(",", n.Outputs)}"));

        // and ONNX Runtime computes it: relu(x) * [3, 4] + 1
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(merged, new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1 });
        using var x = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(new[] { -1f, 2f }, [2]);
        using var results = session.Run(new Microsoft.ML.OnnxRuntime.RunOptions(), ["x"], [x], ["z"]);
        Assert.Equal([1f, 9f], results[0].GetTensorDataAsSpan<float>().ToArray());
    }

    [Fact]
    public void AFileThatIsNotAnOnnxModelIsAClearError()
    {
        string path = temp.Write("bad.onnx", [0xFF, 0xFF, 0xFF, 0x01, 0x02]);
        var ex = Assert.Throws<FaceMaskException>(() => OnnxModelFile.Read(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }
}
