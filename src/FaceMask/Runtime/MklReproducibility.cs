using System.Runtime.CompilerServices;

namespace FaceMask.Runtime;

/// <summary>
/// Makes libtorch's MKL give the same numbers for the same input: <c>MKL_CBWR=AUTO,STRICT</c> (Conditional Numerical
/// Reproducibility: results that do not depend on memory alignment, on the processor's best code path) and
/// <c>MKL_DYNAMIC=FALSE</c> (use exactly the thread count libtorch asks for, rather than fewer when the other cores are
/// busy), each unless the user set it. Measured here on an AMD EPYC with AVX-512: without them the web app's "parallel
/// requests give the same answers as one at a time" test failed 5 times in 5 (probabilities differing in the seventh
/// digit); with <c>MKL_CBWR</c> alone it passed on its own but still failed after the training tests (MKL then took
/// fewer threads while a request was decoded on the other core); with both it passes. Where libtorch loaded before
/// this assembly (the variables then come too late), <see cref="TorchRuntime.Configure"/> turns MKL's dynamic threads
/// off through libtorch's <c>set_num_threads</c>. Like
/// <see cref="OpenMpSpinCount"/>, the variables must be in the native environment before libtorch loads, so they are
/// set when this assembly loads.
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
