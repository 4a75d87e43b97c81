using FaceMask.Runtime;
using FaceMask.Training;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FaceMask.Tests.Training;

public sealed class AdamOptimizerTests
{
    /// <summary>Two identical small networks (a frozen first layer, two trainable ones) and a fixed batch.</summary>
    private static (nn.Module<Tensor, Tensor> Net, Parameter[] Frozen, Parameter[] Middle, Parameter[] Last) Network()
    {
        TorchRuntime.Configure(1, 3);
        var net = nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 3));
        var ps = net.parameters().ToArray();
        ps[0].requires_grad = false;
        ps[1].requires_grad = false;
        return (net, ps[..2], ps[2..4], ps[4..]);
    }

    private static void Steps(nn.Module<Tensor, Tensor> net, Action zero, Action step, int count)
    {
        var gen = new Generator(7);
        using var x = randn([16, 6], generator: gen);
        using var y = randint(0, 3, [16], generator: gen);
        for (int i = 0; i < count; i++)
        {
            using var scope = NewDisposeScope();
            zero();
            F.cross_entropy(net.forward(x), y).backward();
            step();
        }
    }

    [Fact]
    public void MatchesTorchSharpsAdamWithTwoLearningRates()
    {
        var (mine, frozenA, restA, lastA) = Network();
        var (theirs, _, restB, lastB) = Network();
        using (mine)
        using (theirs)
        {
            var frozenBefore = frozenA.Select(p => p.detach().clone()).ToArray();
            var restBefore = restA[0].detach().clone();
            using var adam = new AdamOptimizer([restA, lastA], [1e-2, 5e-2]);
            using var reference = optim.Adam(
                [new Adam.ParamGroup(restB, new Adam.Options { LearningRate = 1e-2 }), new Adam.ParamGroup(lastB, new Adam.Options { LearningRate = 5e-2 })],
                lr: 1e-2);
            Steps(mine, adam.ZeroGrad, adam.Step, 25);
            Steps(theirs, () => reference.zero_grad(), () => reference.step(), 25);

            foreach (var (a, b) in restA.Concat(lastA).Zip(restB.Concat(lastB)))
            {
                Assert.True(a.allclose(b, rtol: 0, atol: 1e-6), $"max difference {(a - b).abs().max().item<float>()}");
            }

            Assert.All(frozenA.Zip(frozenBefore), pair => Assert.True(pair.First.allclose(pair.Second, rtol: 0, atol: 0)));
            Assert.False(restA[0].allclose(restBefore, rtol: 0, atol: 1e-3));
        }
    }

    [Fact]
    public void ARateChangeTakesEffectAtTheNextStep()
    {
        var (a, _, restA, lastA) = Network();
        var (b, _, restB, lastB) = Network();
        using (a)
        using (b)
        {
            using var slow = new AdamOptimizer([restA, lastA], [1e-2, 1e-2]);
            using var changed = new AdamOptimizer([restB, lastB], [1e-2, 1e-2]);
            changed.SetRate(1, 0);
            var lastBefore = lastB.Select(p => p.detach().clone()).ToArray();
            Steps(a, slow.ZeroGrad, slow.Step, 3);
            Steps(b, changed.ZeroGrad, changed.Step, 3);
            Assert.All(lastB.Zip(lastBefore), pair => Assert.True(pair.First.allclose(pair.Second, rtol: 0, atol: 0)));
            Assert.False(lastA[0].allclose(lastBefore[0], rtol: 0, atol: 0));
        }
    }
}
