using FaceMask.Models;
using FaceMask.Runtime;
using Xunit;
using static TorchSharp.torch;

namespace FaceMask.Tests.Models;

public sealed class SeedCnnTests
{
    [Theory]
    [InlineData("seed5", 32, 5)]
    [InlineData("seed4", 32, 5)]
    [InlineData("seed5", 48, 3)]
    [InlineData("seed4", 64, 7)]
    public void OutputHasOneLogitPerClass(string arch, int size, int classes)
    {
        TorchRuntime.Configure(1, 0);
        using var net = ModelArchitectures.Create(arch, classes, size);
        net.eval();
        using var scope = NewDisposeScope();
        var y = net.forward(randn(2, 3, size, size));
        Assert.Equal(new long[] { 2, classes }, y.shape);
    }

    [Fact]
    public void Seed5HasFiveConvolutionsAndSeed4Four()
    {
        using var five = ModelArchitectures.Create("seed5", 5, 32);
        using var four = ModelArchitectures.Create("seed4", 5, 32);
        Assert.Equal(5, five.named_parameters().Count(p => p.name.Contains("conv", StringComparison.Ordinal) && p.name.EndsWith("weight", StringComparison.Ordinal)));
        Assert.Equal(4, four.named_parameters().Count(p => p.name.Contains("conv", StringComparison.Ordinal) && p.name.EndsWith("weight", StringComparison.Ordinal)));
        Assert.Equal(2, five.named_modules().Count(m => m.name.Contains("pool", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(30)]
    [InlineData(4)]
    public void SizeNotDivisibleByFourIsRefused(int size)
    {
        var ex = Assert.Throws<FaceMaskException>(() => ModelArchitectures.Create("seed5", 5, size));
        Assert.Contains("divisible by 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownArchitectureIsNamed()
    {
        var ex = Assert.Throws<FaceMaskException>(() => ModelArchitectures.Create("vgg99", 5, 32));
        Assert.Contains("vgg99", ex.Message, StringComparison.Ordinal);
    }
}
