using System.Runtime.InteropServices;

namespace FaceMask.Runtime;

/// <summary>
/// glibc's heap settings for libtorch: keeps the freed blocks of its activations (2 MB a layer for a training batch of
/// 32 px images, up to 30 MB for a batch of 224 px faces) in the heap for the next step or pass instead of returning
/// them to the system and page-faulting them back in every time. The <c>facemask</c> CLI applies them for every command.
/// </summary>
/// <remarks>
/// By default glibc serves blocks over its (adaptive) mmap threshold with fresh <c>mmap</c>s and trims the heap's free
/// top, so each pass faults its activation memory in again: serving a batch of 8 faces then cost 65 ms of CPU per face
/// instead of 34 ms (<c>bench/results/batch-sizes.json</c>), and the seed5 training-step benchmark ran 1.24–1.35× slower,
/// a fifth of its time in the kernel (<c>bench/results/seed-pipeline*.json</c>, docs/benchmarks.md). A 5-fold
/// fine-tuning run peaked slightly lower with it (<c>bench/results/finetune-memory.json</c>).
/// Results are unchanged (the same predictions, bit for bit). The price is a process that keeps up to about 1 GB of
/// freed heap. Environment variables <c>MALLOC_MMAP_THRESHOLD_</c>, <c>MALLOC_TRIM_THRESHOLD_</c> or
/// <c>MALLOC_TOP_PAD_</c>, when set, win.
/// </remarks>
public static class NativeHeap
{
    private const int TrimThreshold = -1;
    private const int TopPad = -2;
    private const int MmapThreshold = -3;

    /// <summary>Blocks up to 32 MB (glibc's largest allowed threshold) come from the heap; up to 1 GB of free heap is kept; the heap grows 64 MB at a time.</summary>
    /// <returns>Whether the settings were applied (false on other C libraries, Windows, or when the environment sets them).</returns>
    public static bool KeepActivationMemory()
    {
        if (!OperatingSystem.IsLinux() || new[] { "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_" }.Any(v => Environment.GetEnvironmentVariable(v) is not null))
        {
            return false;
        }

        try
        {
            return MallOpt(MmapThreshold, 32 * 1024 * 1024) == 1
                & MallOpt(TrimThreshold, 1024 * 1024 * 1024) == 1
                & MallOpt(TopPad, 64 * 1024 * 1024) == 1;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // not glibc
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);
}
