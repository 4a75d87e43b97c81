using System.Security.Cryptography;

namespace FaceMask.Data;

/// <summary>
/// How a dataset file was found in a per-file cache (<see cref="PerFileCache{T}"/>: decoded pixels, backbone features).
/// </summary>
internal enum CacheLookup
{
    /// <summary>Not cached, or its length, class or content differ: decode it again.</summary>
    Miss,

    /// <summary>Path, length, last-write time and class match.</summary>
    Hit,

    /// <summary>
    /// Only the last-write time differs and the file's SHA-256 equals the cached one (a copied, re-extracted or touched
    /// dataset): the cached entry is used and the cache is rewritten with the new time.
    /// </summary>
    SameContent,
}

/// <summary>The per-file matching rule shared by the pixel and feature caches.</summary>
internal static class CacheLookups
{
    /// <summary>Matches a dataset file against a cached entry (<paramref name="index"/> &lt; 0: not cached).</summary>
    /// <param name="index">The entry's index in the cache, or a negative number when the path is not cached.</param>
    /// <param name="entry">The file as found in the dataset now.</param>
    /// <param name="root">Dataset root, to read the file when only its time differs.</param>
    /// <param name="cachedLength">Cached length.</param>
    /// <param name="cachedTicks">Cached last-write time.</param>
    /// <param name="classMatches">Whether the cached class is the file's class.</param>
    /// <param name="cachedHash">Cached SHA-256 of the file's bytes.</param>
    internal static CacheLookup Match(int index, ImageEntry entry, string root, long cachedLength, long cachedTicks, bool classMatches, ReadOnlySpan<byte> cachedHash)
    {
        if (index < 0 || cachedLength != entry.Length || !classMatches)
        {
            return CacheLookup.Miss;
        }

        if (cachedTicks == entry.LastWriteUtc.Ticks)
        {
            return CacheLookup.Hit;
        }

        try
        {
            Span<byte> hash = stackalloc byte[PerFileCacheRecord.HashLength];
            using var stream = File.OpenRead(Path.Combine(root, entry.RelativePath));
            SHA256.HashData(stream, hash);
            return hash.SequenceEqual(cachedHash) ? CacheLookup.SameContent : CacheLookup.Miss;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return CacheLookup.Miss;
        }
    }
}
