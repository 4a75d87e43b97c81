using TorchSharp;

namespace FaceMask.Runtime;

/// <summary>Process-wide libtorch settings: thread count and seeding for reproducible runs.</summary>
public static class TorchRuntime
{
    private static readonly object Gate = new();

    /// <summary>Fixes libtorch's intra-op thread count (results differ between thread counts) and seeds its generator.</summary>
    /// <param name="threads">Number of intra-op threads; 0 means one per core.</param>
    /// <param name="seed">Seed for libtorch's global generator.</param>
    public static void Configure(int threads, int seed)
    {
        lock (Gate)
        {
            // Always called, even when the count is already n: libtorch's set_num_threads also turns MKL's dynamic
            // thread choice off (mkl_set_dynamic(false)), without which MKL's results depend on how busy the cores are.
            torch.set_num_threads(threads > 0 ? threads : Environment.ProcessorCount);

            torch.manual_seed(seed);
        }
    }

    /// <summary>The libtorch version TorchSharp was built against.</summary>
    public static string LibTorchVersion => torch.__version__;
}
