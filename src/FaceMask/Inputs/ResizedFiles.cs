using FaceMask.Data;

namespace FaceMask.Inputs;

/// <summary>Image files decoded and resized in parallel, with the files that could not be read kept apart.</summary>
/// <param name="Pixels">Per file, its planar RGB uint8 pixels (3 × size × size), or null where it could not be read.</param>
/// <param name="Errors">Per file, why it could not be read, or null.</param>
internal sealed record ResizedFiles(byte[]?[] Pixels, string?[] Errors)
{
    /// <summary>Decodes every file and resizes it to <paramref name="size"/> pixels a side (on all cores).</summary>
    public static ResizedFiles Decode(IReadOnlyList<string> files, int size, ResizeMode resize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var pixels = new byte[]?[files.Count];
        var errors = new string?[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, i =>
        {
            try
            {
                pixels[i] = ImageDecoder.DecodeResized(files[i], size, resize);
            }
            catch (FaceMaskException ex)
            {
                errors[i] = ex.Message;
            }
        });
        return new ResizedFiles(pixels, errors);
    }

    /// <summary>The indices of the files that were read, in order.</summary>
    public int[] Readable() => Enumerable.Range(0, Pixels.Length).Where(i => Pixels[i] is not null).ToArray();

    /// <summary>The pixels of the files <paramref name="rows"/>, one after the other in one buffer.</summary>
    public byte[] Concatenate(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return [];
        }

        int per = Pixels[rows[0]]!.Length;
        var flat = new byte[rows.Count * per];
        for (int k = 0; k < rows.Count; k++)
        {
            Buffer.BlockCopy(Pixels[rows[k]]!, 0, flat, k * per, per);
        }

        return flat;
    }
}
