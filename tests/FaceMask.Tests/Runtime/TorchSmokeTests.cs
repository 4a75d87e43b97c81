using FaceMask.Runtime;
using TorchSharp;
using Xunit;

namespace FaceMask.Tests.Runtime;

public sealed class TorchSmokeTests
{
    [Fact]
    public void NativeLibraryLoadsAndComputes()
    {
        TorchRuntime.Configure(threads: 1, seed: 1);
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        var b = torch.matmul(a, a);
        Assert.Equal(new float[] { 7, 10, 15, 22 }, b.data<float>().ToArray());
    }
}
