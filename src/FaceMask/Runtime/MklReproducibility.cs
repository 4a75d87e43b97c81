using System.Runtime.CompilerServices;

namespace FaceMask.Runtime;

/// <summary>
/// Asks libtorch's MKL for results that do not depend on memory alignment (<c>MKL_CBWR=AUTO,STRICT</c>: Conditional
/// Numerical Reproducibility, best code path for the processor), unless the user set <c>MKL_CBWR</c>. Without it, on
/// an AVX-512 machine (measured here on an AMD EPYC with AVX-512) the same photo classified twice by the same model
/// could differ in the seventh digit — the web app's "parallel requests give the same answers as one at a time" test
/// failed 5 times in 5 — because MKL's kernels round differently with the buffers' alignment. With it the test passes
/// and the same seed gives the same numbers. Like <see cref="OpenMpSpinCount"/>, the variable must be in the native
/// environment before libtorch loads, so it is set when this assembly loads.
/// </summary>
internal static class MklReproducibility
{
    /// <summary>The variable MKL reads.</summary>
    internal const string Variable = "MKL_CBWR";

    /// <summary>The value set when the user has set none.</summary>
    internal const string Value = "AUTO,STRICT";

#pragma warning disable CA2255 // A module initializer is the only point early enough: MKL reads the variable when libtorch loads.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            NativeEnvironment.TrySet(Variable, Value);
        }
    }
}
