using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FaceMask.IO;
using Microsoft.Win32.SafeHandles;

namespace FaceMask.Data;

/// <summary>
/// A cache file of decoded pixels for one (dataset root, size, resize mode, preparation step). Layout, little-endian:
/// a 64-byte header (magic, format version, size, resize mode, step tag — 0 for whole images —, index length, SHA-256
/// of the index), the index (root, class names, then per file: relative path, length, last-write ticks, class, content
/// SHA-256 and either "usable", "usable, used whole" (a step that did not apply, e.g. no face) or the problem that made
/// it unusable) and the uint8 pixels of the usable files in index order.
/// </summary>
internal sealed class DatasetCache : IPerFileCache, IDisposable
{
    /// <summary>Bumped whenever the layout or the decoding changes, so old files are no longer matched.</summary>
    internal const int FormatVersion = 1;

    internal const int HashLength = 32;

    private const int HeaderLength = 64;

    private const int Usable = -1;

    /// <summary>State of a usable file that the preparation step left whole (written only by loads with a step).</summary>
    private const int UsableWhole = -2;

    private static ReadOnlySpan<byte> Magic => "FMPIXELS"u8;

    private readonly SafeFileHandle _handle;
    private readonly Dictionary<string, int> _byPath;
    private readonly long[] _lengths;
    private readonly long[] _ticks;
    private readonly string[] _classOf;
    private readonly byte[] _hashes;
    private readonly int[] _states;
    private readonly string?[] _reasons;
    private readonly int[] _slots;
    private readonly long _pixelsOffset;
    private readonly int _imageLength;

    private DatasetCache(SafeFileHandle handle, int count, long pixelsOffset, int imageLength)
    {
        _handle = handle;
        _byPath = new Dictionary<string, int>(count, StringComparer.Ordinal);
        _lengths = new long[count];
        _ticks = new long[count];
        _classOf = new string[count];
        _hashes = new byte[count * HashLength];
        _states = new int[count];
        _reasons = new string?[count];
        _slots = new int[count];
        _pixelsOffset = pixelsOffset;
        _imageLength = imageLength;
    }

    /// <summary>Number of files recorded.</summary>
    public int Count => _lengths.Length;

    /// <summary>One file as written to the cache; <paramref name="UsedWhole"/>: the preparation step did not apply to it.</summary>
    internal readonly record struct Record(string RelativePath, long Length, long LastWriteTicks, int ClassIndex, ImageProblem? Problem, string? Reason, bool UsedWhole = false);

    /// <summary>The state written for a record: usable (whole or not) or its problem.</summary>
    internal static int StateOf(Record record) => record.Problem is { } problem ? (int)problem : record.UsedWhole ? UsableWhole : Usable;

    /// <summary>Whether a state read back is usable, and then whether the file was used whole; false for a problem.</summary>
    internal static bool IsUsable(int state, out bool usedWhole)
    {
        usedWhole = state == UsableWhole;
        return state is Usable or UsableWhole;
    }

    /// <summary>Opens and validates a cache file; null when it is missing, stale, corrupt or unreadable.</summary>
    internal static DatasetCache? TryOpen(string path, string root, int size, ResizeMode mode, int stepTag = 0)
    {
        SafeFileHandle? handle = null;
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            DatasetCache? cache = Parse(handle, root, size, mode, stepTag);
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
        if (!_byPath.TryGetValue(entry.RelativePath, out index))
        {
            return CacheLookup.Miss;
        }

        return CacheLookups.Match(index, entry, root, _lengths[index], _ticks[index],
            string.Equals(_classOf[index], className, StringComparison.Ordinal), Hash(index));
    }

    /// <summary>The content hash of a cached file.</summary>
    public ReadOnlySpan<byte> Hash(int index) => _hashes.AsSpan(index * HashLength, HashLength);

    /// <summary>The problem that made a cached file unusable, or null when it is usable.</summary>
    public ImageProblem? Problem(int index) => IsUsable(_states[index], out _) ? null : (ImageProblem)_states[index];

    /// <summary>Whether the preparation step left a cached usable file whole.</summary>
    public bool UsedWhole(int index) => _states[index] == UsableWhole;

    /// <summary>The reason text of an unusable cached file.</summary>
    public string Reason(int index) => _reasons[index] ?? string.Empty;

    /// <summary>Position of a usable file's pixels in the pixel block.</summary>
    public int Slot(int index) => _slots[index];

    /// <summary>
    /// Copies cached pixels into <paramref name="pixels"/>: image i receives slot <c>slots[i]</c> (−1 = nothing).
    /// Consecutive runs are read with one call each; an unchanged dataset is one read straight into the array.
    /// </summary>
    internal void ReadPixels(ReadOnlySpan<int> slots, byte[] pixels)
    {
        int i = 0;
        while (i < slots.Length)
        {
            if (slots[i] < 0)
            {
                i++;
                continue;
            }

            int start = i;
            while (i + 1 < slots.Length && slots[i + 1] == slots[i] + 1)
            {
                i++;
            }

            i++;
            long offset = _pixelsOffset + ((long)slots[start] * _imageLength);
            ReadExactly(_handle, pixels.AsSpan(start * _imageLength, (i - start) * _imageLength), offset);
        }
    }

    /// <summary>Writes a cache file atomically.</summary>
    /// <param name="path">The cache file.</param>
    /// <param name="root">Full path of the dataset root.</param>
    /// <param name="size">Image size.</param>
    /// <param name="mode">Resize mode.</param>
    /// <param name="stepTag">The preparation step's tag (<see cref="CacheLocation.StepTag"/>; 0 for whole images).</param>
    /// <param name="classes">Class names; records refer to them by index, the file stores them by name.</param>
    /// <param name="records">All files in order, usable or not.</param>
    /// <param name="hashes">Content hash of each record, 32 bytes each.</param>
    /// <param name="pixels">Pixels of the usable records, in record order.</param>
    internal static void Write(string path, string root, int size, ResizeMode mode, int stepTag, IReadOnlyList<string> classes,
        IReadOnlyList<Record> records, byte[] hashes, byte[] pixels)
    {
        using var index = new MemoryStream();
        using (var writer = new BinaryWriter(index, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(root);
            writer.Write(classes.Count);
            foreach (string name in classes)
            {
                writer.Write(name);
            }

            writer.Write(records.Count);
            for (int i = 0; i < records.Count; i++)
            {
                Record r = records[i];
                writer.Write(r.RelativePath);
                writer.Write(r.Length);
                writer.Write(r.LastWriteTicks);
                writer.Write(r.ClassIndex);
                writer.Write(hashes, i * HashLength, HashLength);
                writer.Write(StateOf(r));
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
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), size);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), (int)mode);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(20), stepTag);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(24), indexBytes.Length);
        SHA256.HashData(indexBytes, header.AsSpan(32, HashLength));
        AtomicFile.Write(path, stream =>
        {
            stream.Write(header);
            stream.Write(indexBytes);
            stream.Write(pixels);
        });
    }

    /// <inheritdoc/>
    public void Dispose() => _handle.Dispose();

    private static DatasetCache? Parse(SafeFileHandle handle, string root, int size, ResizeMode mode, int stepTag)
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
            BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12)) != size ||
            BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(16)) != (int)mode ||
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
        if (!SHA256.HashData(indexBytes).AsSpan().SequenceEqual(header.AsSpan(32, HashLength)))
        {
            return null;
        }

        using var reader = new BinaryReader(new MemoryStream(indexBytes, writable: false), Encoding.UTF8);
        if (!string.Equals(reader.ReadString(), root, StringComparison.Ordinal))
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
        if (count < 0 || count > indexLength / (HashLength + 20))
        {
            return null;
        }

        int imageLength = 3 * size * size;
        long pixelsOffset = HeaderLength + indexLength;
        var cache = new DatasetCache(handle, count, pixelsOffset, imageLength);
        int usable = 0;
        for (int i = 0; i < count; i++)
        {
            string relativePath = reader.ReadString();
            cache._lengths[i] = reader.ReadInt64();
            cache._ticks[i] = reader.ReadInt64();
            int classIndex = reader.ReadInt32();
            if ((uint)classIndex >= (uint)classCount || reader.Read(cache._hashes, i * HashLength, HashLength) != HashLength)
            {
                return null;
            }

            cache._classOf[i] = classes[classIndex];
            int state = reader.ReadInt32();
            cache._states[i] = state;
            if (IsUsable(state, out bool whole) && (!whole || stepTag != 0))
            {
                cache._slots[i] = usable++;
            }
            else if (Enum.IsDefined((ImageProblem)state))
            {
                cache._slots[i] = -1;
                cache._reasons[i] = reader.ReadString();
            }
            else
            {
                return null;
            }

            if (!cache._byPath.TryAdd(relativePath, i))
            {
                return null;
            }
        }

        if (reader.BaseStream.Position != indexLength || fileLength != pixelsOffset + ((long)usable * imageLength))
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
