using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceMask.Training;

/// <summary>
/// Adam (Kingma and Ba, without weight decay or AMSGrad), step for step the arithmetic of PyTorch's and TorchSharp's
/// single-tensor implementation, over groups of parameters that each have their own learning rate.
/// </summary>
/// <remarks>
/// It exists because TorchSharp's <c>optim.Adam</c> passes its scalar operands (β₁, 1 − β₁, the step size, ε …) as
/// <see cref="Scalar"/> objects made by implicit conversion: nothing holds them while libtorch reads them, so a garbage
/// collection in the middle of the call can finalise one and libtorch reads freed memory. Here that ended a
/// 15-fold run in its 14th fold with "Expected false to be true" from <c>c10::Scalar::toFloat</c> inside
/// <c>addcdiv_</c>. Every scalar below is created explicitly and disposed only after the calls that use it. Moment
/// tensors exist only for parameters that require gradients, so frozen backbone layers cost no optimiser memory.
/// </remarks>
internal sealed class AdamOptimizer : IDisposable
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    private readonly List<(Parameter Parameter, Tensor ExpAvg, Tensor ExpAvgSq, int Group)> states = [];
    private readonly double[] rates;
    private long step;

    /// <summary>Creates the optimiser with its moment tensors (zeros) for every trainable parameter of each group.</summary>
    /// <param name="groups">The parameter groups; each has its own learning rate.</param>
    /// <param name="rates">The initial learning rate of each group.</param>
    public AdamOptimizer(IReadOnlyList<IEnumerable<Parameter>> groups, IReadOnlyList<double> rates)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(rates);
        if (groups.Count != rates.Count)
        {
            throw new ArgumentException("one learning rate per group is needed", nameof(rates));
        }

        this.rates = rates.ToArray();
        for (int g = 0; g < groups.Count; g++)
        {
            foreach (var p in groups[g].Where(p => p.requires_grad))
            {
                states.Add((p, zeros_like(p).DetachFromDisposeScope(), zeros_like(p).DetachFromDisposeScope(), g));
            }
        }
    }

    /// <summary>Sets the learning rate of group <paramref name="group"/> for the next steps.</summary>
    public void SetRate(int group, double rate) => rates[group] = rate;

    /// <summary>Clears the gradients of every parameter the optimiser updates.</summary>
    public void ZeroGrad()
    {
        foreach (var s in states)
        {
            s.Parameter.grad?.zero_();
        }
    }

    /// <summary>One update of every parameter that has a gradient.</summary>
    public void Step()
    {
        step++;
        double correction1 = 1 - Math.Pow(Beta1, step);
        double correction2 = 1 - Math.Pow(Beta2, step);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using Scalar beta1 = Beta1.ToScalar();
        using Scalar beta2 = Beta2.ToScalar();
        using Scalar oneMinusBeta1 = (1 - Beta1).ToScalar();
        using Scalar oneMinusBeta2 = (1 - Beta2).ToScalar();
        using Scalar correction2Root = Math.Sqrt(correction2).ToScalar();
        using Scalar epsilon = Epsilon.ToScalar();
        var stepSizes = rates.Select(r => (-(r / correction1)).ToScalar()).ToArray();
        try
        {
            foreach (var (parameter, expAvg, expAvgSq, group) in states)
            {
                var grad = parameter.grad;
                if (grad is null)
                {
                    continue;
                }

                expAvg.mul_(beta1).add_(grad, alpha: oneMinusBeta1);
                expAvgSq.mul_(beta2).addcmul_(grad, grad, value: oneMinusBeta2);
                var denominator = expAvgSq.sqrt().div_(correction2Root).add_(epsilon);
                parameter.addcdiv_(expAvg, denominator, value: stepSizes[group]);
            }
        }
        finally
        {
            foreach (var s in stepSizes)
            {
                s.Dispose();
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var s in states)
        {
            s.ExpAvg.Dispose();
            s.ExpAvgSq.Dispose();
        }

        states.Clear();
    }
}
