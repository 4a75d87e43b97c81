using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using FaceMask.Data;
using FaceMask.IO;
using Microsoft.Win32.SafeHandles;

namespace FaceMask.Features;

/// <summary>
/// A cache file of backbone features for one (dataset root, backbone, resize mode, preparation step), the feature
/// counterpart of the decoded-pixel cache and keyed the same way: per file by (relative path, length, last-write time,
/// class). Layout, little-endian: a 64-byte header (magic, format version, resize mode, floats per file, step tag — 0
/// for whole images —, index length, SHA-256 of the index), the index (root, backbone id, class names, then per file:
/// relative path, length, last-write ticks, class, content SHA-256 and either "usable", "usable, used whole" or the
/// problem that made it unusable), then the float32 features (image, then mirror) of the usable files in index order.
/// </summary>
internal sealed class FeatureCache : IPerFileCache, IDisposable
{
    /// <summary>Bumped whenever the layout, the decoding or the extraction changes, so old files are no longer matched.</summary>
    internal const int FormatVersion = 1;

    private const int HeaderLength = 64;

    private static ReadOnlySpan<byte> Magic => "FMFEATUR"u8;

    private readonly SafeFileHandle handle;
    private readonly Dictionary<string, int> byPath;
    private readonly long[] lengths;
    private readonly long[] ticks;
    private readonly string[] classOf;
    private readonly byte[] hashes;
    private readonly int[] states;
    private readonly string?[] reasons;
    private readonly int[] slots;
    private readonly long payloadOffset;
    private readonly int recordFloats;

    private FeatureCache(SafeFileHandle handle, int count, long payloadOffset, int recordFloats)
    {
        this.handle = handle;
        byPath = new Dictionary<string, int>(count, StringComparer.Ordinal);
        lengths = new long[count];
        ticks = new long[count];
        classOf = new string[count];
        hashes = new byte[count * DatasetCache.HashLength];
        states = new int[count];
        reasons = new string?[count];
        slots = new int[count];
        this.payloadOffset = payloadOffset;
        this.recordFloats = recordFloats;
    }

    /// <summary>Number of files recorded.</summary>
    public int Count => lengths.Length;

    /// <summary>
    /// The cache file for a dataset: in the same folder as the pixel cache (<see cref="CacheLocation"/>), named
    /// <c>&lt;root name&gt;-&lt;root hash&gt;-&lt;backbone&gt;-&lt;backbone id&gt;-&lt;resize&gt;[-&lt;step&gt;]-v&lt;format&gt;.fmfeat</c>
    /// (the step only for a preparation step such as face crops); null when no cache folder is usable.
    /// </summary>
    internal static string? FilePath(string root, string? explicitDirectory, string backboneName, string backboneId, ResizeMode mode, string? preparerId = null)
    {
        string? directory = CacheLocation.ResolveDirectory(root, explicitDirectory, CacheLocation.UserCacheDirectory());
        if (directory is null)
        {
            return null;
        }

        string fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        string rootHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fullRoot)))[..16];
        var name = new StringBuilder();
        foreach (char c in Path.GetFileName(fullRoot))
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        string resize = mode == ResizeMode.Stretch ? "stretch" : "centercrop";
        return Path.Combine(directory, $"{name}-{rootHash}-{backboneName}-{backboneId}-{resize}{CacheLocation.StepSuffix(preparerId)}-v{FormatVersion}.fmfeat");
    }

    /// <summary>Opens and validates a cache file; null when it is missing, stale, corrupt or unreadable.</summary>
    internal static FeatureCache? TryOpen(string path, string root, string backboneId, ResizeMode mode, int recordFloats, int stepTag = 0)
    {
        SafeFileHandle? handle = null;
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            FeatureCache? cache = Parse(handle, root, backboneId, mode, recordFloats, stepTag);
            if (cache is null)
            {
                handle.Dispose();
            }

            return cache;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentException or OverflowException or InvalidDataException)
        {
            handle?.Dispose();
            return null;
        }
    }

    /// <summary>
    /// Looks up a dataset file: a hit when path, length, last-write time and class match, or when only the time differs
    /// and the file's content hash is the cached one (see <see cref="CacheLookup"/>).
    /// </summary>
    public CacheLookup Find(ImageEntry entry, string root, string className, out int index)
    {
        if (!byPath.TryGetValue(entry.RelativePath, out index))
        {
            return CacheLookup.Miss;
        }

        return CacheLookups.Match(index, entry, root, lengths[index], ticks[index],
            string.Equals(classOf[index], className, StringComparison.Ordinal), Hash(index));
    }

    /// <summary>The content hash of a cached file.</summary>
    public ReadOnlySpan<byte> Hash(int index) => hashes.AsSpan(index * DatasetCache.HashLength, DatasetCache.HashLength);

    /// <summary>The problem that made a cached file unusable, or null when it is usable.</summary>
    public ImageProblem? Problem(int index) => DatasetCache.IsUsable(states[index], out _) ? null : (ImageProblem)states[index];

    /// <summary>Whether the preparation step left a cached usable file whole.</summary>
    public bool UsedWhole(int index) => DatasetCache.IsUsable(states[index], out bool whole) && whole;

    /// <summary>The reason text of an unusable cached file.</summary>
    public string Reason(int index) => reasons[index] ?? string.Empty;

    /// <summary>Position of a usable file's features in the payload.</summary>
    public int Slot(int index) => slots[index];

    /// <summary>Copies cached features into <paramref name="values"/>: file i receives slot <c>slotOf[i]</c> (−1 = nothing), reading consecutive runs at once.</summary>
    internal void ReadFeatures(ReadOnlySpan<int> slotOf, float[] values)
    {
        int i = 0;
        while (i < slotOf.Length)
        {
            if (slotOf[i] < 0)
            {
                i++;
                continue;
            }

            int start = i;
            while (i + 1 < slotOf.Length && slotOf[i + 1] == slotOf[i] + 1)
            {
                i++;
            }

            i++;
            long offset = payloadOffset + ((long)slotOf[start] * recordFloats * sizeof(float));
            Span<float> target = values.AsSpan(start * recordFloats, (i - start) * recordFloats);
            ReadExactly(handle, MemoryMarshal.AsBytes(target), offset);
            if (!BitConverter.IsLittleEndian)
            {
                Span<int> words = MemoryMarshal.Cast<float, int>(target);
                BinaryPrimitives.ReverseEndianness(words, words);
            }
        }
    }

    /// <summary>Writes a cache file atomically.</summary>
    /// <param name="path">The cache file.</param>
    /// <param name="root">Full path of the dataset root.</param>
    /// <param name="backboneId">Identity of the backbone files.</param>
    /// <param name="mode">Resize mode.</param>
    /// <param name="recordFloats">Floats per usable file.</param>
    /// <param name="stepTag">The preparation step's tag (<see cref="CacheLocation.StepTag"/>; 0 for whole images).</param>
    /// <param name="classes">Class names; records refer to them by index, the file stores them by name.</param>
    /// <param name="records">All files in order, usable or not.</param>
    /// <param name="recordHashes">Content hash of each record, 32 bytes each.</param>
    /// <param name="values">Features of the usable records, in record order.</param>
    internal static void Write(string path, string root, string backboneId, ResizeMode mode, int recordFloats, int stepTag, IReadOnlyList<string> classes,
        IReadOnlyList<DatasetCache.Record> records, byte[] recordHashes, float[] values)
    {
        using var index = new MemoryStream();
        using (var writer = new BinaryWriter(index, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(root);
            writer.Write(backboneId);
            writer.Write(classes.Count);
            foreach (string name in classes)
            {
                writer.Write(name);
            }

            writer.Write(records.Count);
            for (int i = 0; i < records.Count; i++)
            {
                DatasetCache.Record r = records[i];
                writer.Write(r.RelativePath);
                writer.Write(r.Length);
                writer.Write(r.LastWriteTicks);
                writer.Write(r.ClassIndex);
                writer.Write(recordHashes, i * DatasetCache.HashLength, DatasetCache.HashLength);
                writer.Write(DatasetCache.StateOf(r));
                if (r.Problem is not null)
                {
                    writer.Write(r.Reason ?? string.Empty);
                }
            }
        }

        byte[] indexBytes = index.ToArray();
        byte[] header = new byte[HeaderLength];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), (int)mode);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), recordFloats);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(20), stepTag);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(24), indexBytes.Length);
        SHA256.HashData(indexBytes, header.AsSpan(32, DatasetCache.HashLength));
        AtomicFile.Write(path, stream =>
        {
            stream.Write(header);
            stream.Write(indexBytes);
            if (BitConverter.IsLittleEndian)
            {
                stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            }
            else
            {
                int[] words = MemoryMarshal.Cast<float, int>(values.AsSpan()).ToArray();
                BinaryPrimitives.ReverseEndianness(words, words);
                stream.Write(MemoryMarshal.AsBytes(words.AsSpan()));
            }
        });
    }

    /// <inheritdoc/>
    public void Dispose() => handle.Dispose();

    private static FeatureCache? Parse(SafeFileHandle handle, string root, string backboneId, ResizeMode mode, int recordFloats, int stepTag)
    {
        long fileLength = RandomAccess.GetLength(handle);
        if (fileLength < HeaderLength)
        {
            return null;
        }

        byte[] header = new byte[HeaderLength];
        ReadExactly(handle, header, 0);
        if (!header.AsSpan(0, 8).SequenceEqual(Magic) ||
            BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8)) != FormatVersion ||
            BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12)) != (int)mode ||
            BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(16)) != recordFloats ||
            BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(20)) != stepTag)
        {
            return null;
        }

        long indexLength = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(24));
        if (indexLength <= 0 || indexLength > fileLength - HeaderLength || indexLength > Array.MaxLength)
        {
            return null;
        }

        byte[] indexBytes = GC.AllocateUninitializedArray<byte>((int)indexLength);
        ReadExactly(handle, indexBytes, HeaderLength);
        if (!SHA256.HashData(indexBytes).AsSpan().SequenceEqual(header.AsSpan(32, DatasetCache.HashLength)))
        {
            return null;
        }

        using var reader = new BinaryReader(new MemoryStream(indexBytes, writable: false), Encoding.UTF8);
        if (!string.Equals(reader.ReadString(), root, StringComparison.Ordinal) ||
            !string.Equals(reader.ReadString(), backboneId, StringComparison.Ordinal))
        {
            return null;
        }

        int classCount = reader.ReadInt32();
        if (classCount < 0 || classCount > indexLength)
        {
            return null;
        }

        string[] classes = new string[classCount];
        for (int c = 0; c < classCount; c++)
        {
            classes[c] = reader.ReadString();
        }

        int count = reader.ReadInt32();
        if (count < 0 || count > indexLength / (DatasetCache.HashLength + 20))
        {
            return null;
        }

        long payloadOffset = HeaderLength + indexLength;
        var cache = new FeatureCache(handle, count, payloadOffset, recordFloats);
        int usable = 0;
        for (int i = 0; i < count; i++)
        {
            string relativePath = reader.ReadString();
            cache.lengths[i] = reader.ReadInt64();
            cache.ticks[i] = reader.ReadInt64();
            int classIndex = reader.ReadInt32();
            if ((uint)classIndex >= (uint)classCount || reader.Read(cache.hashes, i * DatasetCache.HashLength, DatasetCache.HashLength) != DatasetCache.HashLength)
            {
                return null;
            }

            cache.classOf[i] = classes[classIndex];
            int state = reader.ReadInt32();
            cache.states[i] = state;
            if (DatasetCache.IsUsable(state, out bool whole) && (!whole || stepTag != 0))
            {
                cache.slots[i] = usable++;
            }
            else if (Enum.IsDefined((ImageProblem)state))
            {
                cache.slots[i] = -1;
                cache.reasons[i] = reader.ReadString();
            }
            else
            {
                return null;
            }

            if (!cache.byPath.TryAdd(relativePath, i))
            {
                return null;
            }
        }

        if (reader.BaseStream.Position != indexLength || fileLength != payloadOffset + ((long)usable * recordFloats * sizeof(float)))
        {
            return null;
        }

        return cache;
    }

    private static void ReadExactly(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            int read = RandomAccess.Read(handle, buffer, offset);
            if (read <= 0)
            {
                throw new EndOfStreamException("The cache file ended early.");
            }

            buffer = buffer[read..];
            offset += read;
        }
    }
}
