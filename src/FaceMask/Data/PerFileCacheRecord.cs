namespace FaceMask.Data;

/// <summary>
/// One dataset file as written to a per-file cache (<see cref="PerFileCache{T}"/>); <paramref name="UsedWhole"/>: the
/// preparation step did not apply to it.
/// </summary>
internal readonly record struct PerFileCacheRecord(string RelativePath, long Length, long LastWriteTicks, int ClassIndex, ImageProblem? Problem, string? Reason, bool UsedWhole = false)
{
    /// <summary>Length of a file's content hash (SHA-256).</summary>
    internal const int HashLength = 32;

    private const int Usable = -1;

    /// <summary>State of a usable file that the preparation step left whole (written only by loads with a step).</summary>
    private const int UsableWhole = -2;

    /// <summary>The state written for this record: usable (whole or not) or its problem.</summary>
    internal int State => Problem is { } problem ? (int)problem : UsedWhole ? UsableWhole : Usable;

    /// <summary>Whether a state read back is usable, and then whether the file was used whole; false for a problem.</summary>
    internal static bool IsUsable(int state, out bool usedWhole)
    {
        usedWhole = state == UsableWhole;
        return state is Usable or UsableWhole;
    }
}
