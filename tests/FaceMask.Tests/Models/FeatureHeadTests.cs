using FaceMask.Models;
using FaceMask.Runtime;
using Xunit;
using static TorchSharp.torch;

namespace FaceMask.Tests.Models;

public sealed class FeatureHeadTests
{
    [Theory]
    [InlineData(HeadKinds.Mlp)]
    [InlineData(HeadKinds.Linear)]
    public void EvalAveragesTheProbabilitiesOfTheViews(string kind)
    {
        TorchRuntime.Configure(1, 7);
        using var head = new FeatureHead(kind, 16, 3);
        head.eval();
        using var scope = NewDisposeScope();
        var x = randn(5, 2, 16);
        var output = head.forward(x);
        Assert.Equal([5L, 3L], output.shape);
        var image = head.forward(x.select(1, 0)).softmax(1);
        var mirror = head.forward(x.select(1, 1)).softmax(1);
        var expected = (image + mirror) / 2;
        Assert.True(output.softmax(1).allclose(expected, rtol: 1e-5, atol: 1e-6));
        Assert.True(output.exp().sum(1).allclose(ones(5), rtol: 1e-5, atol: 1e-6), "the output is the log of a probability vector");
    }

    [Fact]
    public void TrainingPicksOneViewPerImage()
    {
        TorchRuntime.Configure(1, 7);
        using var head = new FeatureHead(HeadKinds.Linear, 4, 2);
        head.train();
        using var scope = NewDisposeScope();
        var x = randn(64, 2, 4);
        var output = head.forward(x);
        var fromImage = head.forward(x.select(1, 0));
        var fromMirror = head.forward(x.select(1, 1));
        var sameAsImage = output.isclose(fromImage).all(1);
        var sameAsMirror = output.isclose(fromMirror).all(1);
        Assert.True(sameAsImage.logical_or(sameAsMirror).all().item<bool>());
        long images = sameAsImage.sum().item<long>();
        Assert.InRange(images, 16, 48);
    }

    [Fact]
    public void UnknownHeadIsNamed()
    {
        var ex = Assert.Throws<FaceMaskException>(() => ModelArchitectures.Create(ModelArchitectures.ResNet18, 3, 224, "transformer"));
        Assert.Contains("unknown head 'transformer'", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<FaceMaskException>(() => ModelArchitectures.Create(ModelArchitectures.ResNet18, 3, 32));
        Assert.Contains("224", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<FaceMaskException>(() => ModelArchitectures.Create(ModelArchitectures.Seed5, 3, 32, HeadKinds.Mlp));
        Assert.Contains("--head", ex.Message, StringComparison.Ordinal);
    }
}
