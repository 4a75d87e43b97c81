using System.Runtime.InteropServices;
using FaceMask.Runtime;
using Xunit;

namespace FaceMask.Tests.Runtime;

public sealed class NativeHeapTests
{
    private static readonly string[] HeapVariables = ["MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_"];

    private static bool UserChose => HeapVariables.Any(v => Environment.GetEnvironmentVariable(v) is not null);

    [Fact]
    public void AppliesOnGlibcUnlessTheEnvironmentSetsTheHeap()
    {
        Assert.True(OperatingSystem.IsLinux(), "the test machine runs Linux with glibc");
        Assert.Equal(!UserChose, NativeHeap.KeepActivationMemory());
    }

    [Fact]
    public void AfterwardsFreedHeapIsKeptForTheNextStepInsteadOfReturnedToTheSystem()
    {
        if (UserChose)
        {
            Assert.False(NativeHeap.KeepActivationMemory());
            return;
        }

        Assert.True(NativeHeap.KeepActivationMemory());

        // 100 MB in 100 kB blocks (from the heap under any mmap threshold), then all freed: they merge into the heap's
        // free top, which glibc's own settings trim back to the system (its trim threshold adapts up to 64 MB) and the
        // kept heap keeps (up to 1 GB). The heap may already have had room for them (earlier tests); then nothing is
        // trimmed either way. Other tests running beside this one only grow the heap while it is kept.
        const int count = 1000, size = 100 * 1024;
        var blocks = new IntPtr[count];
        for (int i = 0; i < count; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(size); // malloc
            Marshal.WriteByte(blocks[i], 1);
        }

        long held = (long)MallInfo2().Arena;
        for (int i = count - 1; i >= 0; i--)
        {
            Marshal.FreeHGlobal(blocks[i]);
        }

        long returned = held - (long)MallInfo2().Arena;
        Assert.True(returned < 50L * 1024 * 1024, $"freeing the 100 MB returned {returned / 1024} kB of the heap to the system");
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallocInfo MallInfo2();

    /// <summary>glibc's <c>struct mallinfo2</c> (ten <c>size_t</c> fields).</summary>
    [StructLayout(LayoutKind.Sequential)]
#pragma warning disable CS0649 // filled in by glibc
    private readonly struct MallocInfo
    {
        public readonly nuint Arena;
        public readonly nuint OrdinaryBlocks;
        public readonly nuint SmallBlocks;
        public readonly nuint MappedBlocks;
        public readonly nuint MappedBytes;
        public readonly nuint UsmBlocks;
        public readonly nuint FreeSmallBytes;
        public readonly nuint AllocatedBytes;
        public readonly nuint FreeBytes;
        public readonly nuint KeepCost;
    }
#pragma warning restore CS0649
}
