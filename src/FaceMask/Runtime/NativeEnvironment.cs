using System.Runtime.InteropServices;

namespace FaceMask.Runtime;

/// <summary>Sets variables in the native (C library) environment, where native libraries such as libtorch read them.</summary>
internal static class NativeEnvironment
{
    /// <summary>Sets <paramref name="name"/> unless the platform has no C library <c>setenv</c> (Windows, or none found).</summary>
    internal static void TrySet(string name, string value)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            _ = SetEnv(name, value, 0);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not a glibc/musl system: keep the library's default.
        }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
