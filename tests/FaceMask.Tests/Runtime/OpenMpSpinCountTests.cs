using System.Runtime.InteropServices;
using FaceMask.Runtime;
using Xunit;

namespace FaceMask.Tests.Runtime;

public sealed class OpenMpSpinCountTests
{
    [Fact]
    public void LoadingTheLibraryShortensTheOpenMpSpinInTheNativeEnvironment()
    {
        _ = TorchRuntime.LibTorchVersion; // the library's module initializer has run
        string? value = Marshal.PtrToStringUTF8(GetEnv("GOMP_SPINCOUNT"));
        bool userChose = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is not null || Environment.GetEnvironmentVariable("GOMP_SPINCOUNT") is not null;
        Assert.Equal(userChose ? Environment.GetEnvironmentVariable("GOMP_SPINCOUNT") : "10000", value);
    }

    [Fact]
    public void LoadingTheLibraryAsksMklForReproducibleResults()
    {
        _ = TorchRuntime.LibTorchVersion;
        foreach (var (name, expected) in MklReproducibility.Settings)
        {
            string? value = Marshal.PtrToStringUTF8(GetEnv(name));
            Assert.Equal(Environment.GetEnvironmentVariable(name) ?? expected, value);
        }
    }

    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
