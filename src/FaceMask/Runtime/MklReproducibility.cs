using System.Runtime.CompilerServices;

namespace FaceMask.Runtime;

/// <summary>
/// Asks libtorch's MKL for steadier numbers: <c>MKL_CBWR=AUTO,STRICT</c> (Conditional Numerical Reproducibility: results
/// that do not depend on memory alignment, on the processor's best code path) and <c>MKL_DYNAMIC=FALSE</c> (use the
/// thread count libtorch asks for, not fewer when the other cores are busy), each unless the user set it. Measured
/// here on an AMD EPYC with AVX-512: the same photo classified alone and among parallel requests got probabilities
/// differing in the seventh digit in 5 runs of 5 of the web app's test on its own; with <c>MKL_CBWR</c> the test passes
/// on its own, with <c>MKL_DYNAMIC=FALSE</c> also after the training tests, but in the whole suite the last bit can still
/// differ, so that test compares probabilities to 1e-5. Where libtorch loaded before this assembly (the variables then
/// come too late), <see cref="TorchRuntime.Configure"/> turns MKL's dynamic threads off through libtorch's
/// <c>set_num_threads</c>. Like <see cref="OpenMpSpinCount"/>, the variables must be in the native environment before
/// libtorch loads, so they are set when this assembly loads.
/// </summary>
internal static class MklReproducibility
{
    /// <summary>The variables set and their values.</summary>
    internal static IReadOnlyList<(string Name, string Value)> Settings { get; } = [("MKL_CBWR", "AUTO,STRICT"), ("MKL_DYNAMIC", "FALSE")];

#pragma warning disable CA2255 // A module initializer is the only point early enough: MKL reads the variables when libtorch loads.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply()
    {
        foreach (var (name, value) in Settings)
        {
            if (Environment.GetEnvironmentVariable(name) is null)
            {
                NativeEnvironment.TrySet(name, value);
            }
        }
    }
}
