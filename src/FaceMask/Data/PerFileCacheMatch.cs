namespace FaceMask.Data;

/// <summary>The dataset's files matched against a per-file cache: what can be read from it and what must be redone.</summary>
internal sealed class PerFileCacheMatch
{
    private PerFileCacheMatch(int[] slots, List<int> missing, bool changed)
    {
        Slots = slots;
        Missing = missing;
        Changed = changed;
    }

    /// <summary>Per dataset file, its slot in the cache, or −1 (not cached, or cached as a bad file).</summary>
    public int[] Slots { get; }

    /// <summary>Dataset files (indices) the cache does not hold: decode or extract them again.</summary>
    public List<int> Missing { get; }

    /// <summary>Whether the cache must be rewritten: files missing, removed or with new times.</summary>
    public bool Changed { get; }

    /// <summary>
    /// Matches every file of <paramref name="folder"/>; for each file found, copies its content hash into
    /// <paramref name="hashes"/>, for a file remembered as bad, its problem into <paramref name="errors"/>, and whether
    /// the preparation step left it whole into <paramref name="usedWhole"/> (when given).
    /// </summary>
    public static PerFileCacheMatch Find<T>(PerFileCache<T> cache, ImageFolder folder, byte[] hashes, ImageDecodeException?[] errors, bool[]? usedWhole = null)
        where T : unmanaged
    {
        IReadOnlyList<ImageEntry> entries = folder.Entries;
        int n = entries.Count;
        var slots = new int[n];
        var missing = new List<int>();
        int matched = 0;
        bool retimed = false;
        for (int i = 0; i < n; i++)
        {
            ImageEntry entry = entries[i];
            slots[i] = -1;
            CacheLookup found = cache.Find(entry, folder.Root, folder.Classes[entry.Label], out int index);
            if (found == CacheLookup.Miss)
            {
                missing.Add(i);
                continue;
            }

            matched++;
            retimed |= found == CacheLookup.SameContent;
            cache.Hash(index).CopyTo(hashes.AsSpan(i * PerFileCacheRecord.HashLength));
            if (cache.Problem(index) is { } problem)
            {
                errors[i] = new ImageDecodeException(entry.RelativePath, problem, cache.Reason(index));
            }
            else
            {
                slots[i] = cache.Slot(index);
                if (usedWhole is not null)
                {
                    usedWhole[i] = cache.UsedWhole(index);
                }
            }
        }

        return new PerFileCacheMatch(slots, missing, missing.Count > 0 || matched != cache.Count || retimed);
    }
}
