using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using FaceMask.IO;
using Microsoft.Win32.SafeHandles;

namespace FaceMask.Data;

/// <summary>
/// A cache file of one payload per dataset file — decoded uint8 pixels, or float32 backbone features — for one load
/// (dataset root, what the payload is, preparation step), keyed per file by (relative path, length, last-write time,
/// class) with the content hash to recognise touched files. The <see cref="PerFileCacheFormat"/> is what differs
/// between the kinds of payload. Layout, little-endian: a 64-byte header (magic, format version, two format keys, step
/// tag — 0 for whole images —, index length, SHA-256 of the index), the index (the format's index keys — the root
/// first —, class names, then per file: relative path, length, last-write ticks, class, content SHA-256 and either
/// "usable", "usable, used whole" (a step that did not apply, e.g. no face) or the problem that made it unusable) and
/// the payloads of the usable files in index order.
/// </summary>
/// <typeparam name="T">The payload's element type: byte (pixels) or float (features); stored little-endian.</typeparam>
internal sealed class PerFileCache<T> : IDisposable
    where T : unmanaged
{
    private const int HeaderLength = 64;

    private const int HashLength = PerFileCacheRecord.HashLength;

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
    private readonly int recordLength;

    private PerFileCache(SafeFileHandle handle, int count, long payloadOffset, int recordLength)
    {
        this.handle = handle;
        byPath = new Dictionary<string, int>(count, StringComparer.Ordinal);
        lengths = new long[count];
        ticks = new long[count];
        classOf = new string[count];
        hashes = new byte[count * HashLength];
        states = new int[count];
        reasons = new string?[count];
        slots = new int[count];
        this.payloadOffset = payloadOffset;
        this.recordLength = recordLength;
    }

    /// <summary>Number of files recorded.</summary>
    public int Count => lengths.Length;

    private static int ElementSize => Unsafe.SizeOf<T>();

    /// <summary>Opens and validates a cache file; null when it is missing, of another format or load, stale, corrupt or unreadable.</summary>
    internal static PerFileCache<T>? TryOpen(string path, PerFileCacheFormat format)
    {
        SafeFileHandle? handle = null;
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            PerFileCache<T>? cache = Parse(handle, format);
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
    public ReadOnlySpan<byte> Hash(int index) => hashes.AsSpan(index * HashLength, HashLength);

    /// <summary>The problem that made a cached file unusable, or null when it is usable.</summary>
    public ImageProblem? Problem(int index) => PerFileCacheRecord.IsUsable(states[index], out _) ? null : (ImageProblem)states[index];

    /// <summary>Whether the preparation step left a cached usable file whole.</summary>
    public bool UsedWhole(int index) => PerFileCacheRecord.IsUsable(states[index], out bool whole) && whole;

    /// <summary>The reason text of an unusable cached file.</summary>
    public string Reason(int index) => reasons[index] ?? string.Empty;

    /// <summary>Position of a usable file's payload in the payload block.</summary>
    public int Slot(int index) => slots[index];

    /// <summary>
    /// Copies cached payloads into <paramref name="values"/>: file i receives slot <c>slotOf[i]</c> (−1 = nothing).
    /// Consecutive runs are read with one call each; an unchanged dataset is one read straight into the array.
    /// </summary>
    internal void Read(ReadOnlySpan<int> slotOf, T[] values)
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
            long offset = payloadOffset + ((long)slotOf[start] * recordLength * ElementSize);
            Span<T> target = values.AsSpan(start * recordLength, (i - start) * recordLength);
            ReadExactly(handle, MemoryMarshal.AsBytes(target), offset);
            ToOrFromLittleEndian(target);
        }
    }

    /// <summary>Writes a cache file atomically.</summary>
    /// <param name="path">The cache file.</param>
    /// <param name="format">The kind of cache and the load it belongs to.</param>
    /// <param name="classes">Class names; records refer to them by index, the file stores them by name.</param>
    /// <param name="records">All files in order, usable or not.</param>
    /// <param name="recordHashes">Content hash of each record, 32 bytes each.</param>
    /// <param name="values">Payloads of the usable records, in record order (<see cref="PerFileCacheFormat.RecordLength"/> each).</param>
    internal static void Write(string path, PerFileCacheFormat format, IReadOnlyList<string> classes, IReadOnlyList<PerFileCacheRecord> records,
        byte[] recordHashes, T[] values)
    {
        using var index = new MemoryStream();
        using (var writer = new BinaryWriter(index, Encoding.UTF8, leaveOpen: true))
        {
            foreach (string key in format.IndexKeys)
            {
                writer.Write(key);
            }

            writer.Write(classes.Count);
            foreach (string name in classes)
            {
                writer.Write(name);
            }

            writer.Write(records.Count);
            for (int i = 0; i < records.Count; i++)
            {
                PerFileCacheRecord r = records[i];
                writer.Write(r.RelativePath);
                writer.Write(r.Length);
                writer.Write(r.LastWriteTicks);
                writer.Write(r.ClassIndex);
                writer.Write(recordHashes, i * HashLength, HashLength);
                writer.Write(r.State);
                if (r.Problem is not null)
                {
                    writer.Write(r.Reason ?? string.Empty);
                }
            }
        }

        byte[] indexBytes = index.ToArray();
        byte[] header = new byte[HeaderLength];
        Encoding.ASCII.GetBytes(format.Magic, header.AsSpan(0, 8));
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), format.Version);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), format.Key1);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), format.Key2);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(20), format.StepTag);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(24), indexBytes.Length);
        SHA256.HashData(indexBytes, header.AsSpan(32, HashLength));
        AtomicFile.Write(path, stream =>
        {
            stream.Write(header);
            stream.Write(indexBytes);
            if (BitConverter.IsLittleEndian || ElementSize == 1)
            {
                stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            }
            else
            {
                T[] copy = values.AsSpan().ToArray();
                ToOrFromLittleEndian(copy);
                stream.Write(MemoryMarshal.AsBytes(copy.AsSpan()));
            }
        });
    }

    /// <inheritdoc/>
    public void Dispose() => handle.Dispose();

    private static PerFileCache<T>? Parse(SafeFileHandle handle, PerFileCacheFormat format)
    {
        long fileLength = RandomAccess.GetLength(handle);
        if (fileLength < HeaderLength)
        {
            return null;
        }

        byte[] header = new byte[HeaderLength];
        ReadExactly(handle, header, 0);
        if (!header.AsSpan(0, 8).SequenceEqual(Encoding.ASCII.GetBytes(format.Magic)) ||
            BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8)) != format.Version ||
            BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12)) != format.Key1 ||
            BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(16)) != format.Key2 ||
            BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(20)) != format.StepTag)
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
        foreach (string key in format.IndexKeys)
        {
            if (!string.Equals(reader.ReadString(), key, StringComparison.Ordinal))
            {
                return null;
            }
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

        long payloadOffset = HeaderLength + indexLength;
        var cache = new PerFileCache<T>(handle, count, payloadOffset, format.RecordLength);
        int usable = 0;
        for (int i = 0; i < count; i++)
        {
            string relativePath = reader.ReadString();
            cache.lengths[i] = reader.ReadInt64();
            cache.ticks[i] = reader.ReadInt64();
            int classIndex = reader.ReadInt32();
            if ((uint)classIndex >= (uint)classCount || reader.Read(cache.hashes, i * HashLength, HashLength) != HashLength)
            {
                return null;
            }

            cache.classOf[i] = classes[classIndex];
            int state = reader.ReadInt32();
            cache.states[i] = state;
            if (PerFileCacheRecord.IsUsable(state, out bool whole) && (!whole || format.StepTag != 0))
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

        if (reader.BaseStream.Position != indexLength || fileLength != payloadOffset + ((long)usable * format.RecordLength * ElementSize))
        {
            return null;
        }

        return cache;
    }

    /// <summary>Swaps the bytes of 4-byte elements on a big-endian machine (the file is little-endian); bytes need nothing.</summary>
    private static void ToOrFromLittleEndian(Span<T> values)
    {
        if (BitConverter.IsLittleEndian || ElementSize == 1)
        {
            return;
        }

        if (ElementSize != sizeof(int))
        {
            throw new NotSupportedException($"per-file cache payloads of {ElementSize}-byte elements on a big-endian machine");
        }

        Span<int> words = MemoryMarshal.Cast<T, int>(values);
        BinaryPrimitives.ReverseEndianness(words, words);
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
