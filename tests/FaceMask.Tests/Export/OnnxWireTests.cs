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
    public void AFileThatIsNotAnOnnxModelIsAClearError()
    {
        string path = temp.Write("bad.onnx", [0xFF, 0xFF, 0xFF, 0x01, 0x02]);
        var ex = Assert.Throws<FaceMaskException>(() => OnnxModelFile.Read(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }
}
