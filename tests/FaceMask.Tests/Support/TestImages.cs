using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace FaceMask.Tests.Support;

/// <summary>Small images made on the fly, and hand-crafted files for the decoder's edge cases.</summary>
public static class TestImages
{
    /// <summary>A bitmap filled with one colour.</summary>
    public static SKBitmap Solid(int width, int height, SKColor color)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(color);
        return bitmap;
    }

    /// <summary>A bitmap split into vertical bands of the given colours, left to right.</summary>
    public static SKBitmap Bands(int width, int height, params SKColor[] colors)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        int band = width / colors.Length;
        for (int i = 0; i < colors.Length; i++)
        {
            using var paint = new SKPaint { Color = colors[i] };
            canvas.DrawRect(SKRect.Create(i * band, 0, i == colors.Length - 1 ? width - (i * band) : band, height), paint);
        }

        return bitmap;
    }

    /// <summary>A bitmap of seeded random noise (realistic JPEG sizes).</summary>
    public static SKBitmap Noise(int width, int height, int seed)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var random = new Random(seed);
        Span<byte> pixels = bitmap.GetPixelSpan();
        random.NextBytes(pixels);
        for (int i = 3; i < pixels.Length; i += 4)
        {
            pixels[i] = 255;
        }

        return bitmap;
    }

    /// <summary>Encodes a bitmap.</summary>
    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality = 95)
    {
        using SKData data = bitmap.Encode(format, quality) ?? throw new InvalidOperationException($"cannot encode {format}");
        return data.ToArray();
    }

    /// <summary>A solid-colour PNG.</summary>
    public static byte[] Png(int width, int height, SKColor color)
    {
        using SKBitmap bitmap = Solid(width, height, color);
        return Encode(bitmap, SKEncodedImageFormat.Png);
    }

    /// <summary>A solid-colour JPEG.</summary>
    public static byte[] Jpeg(int width, int height, SKColor color)
    {
        using SKBitmap bitmap = Solid(width, height, color);
        return Encode(bitmap, SKEncodedImageFormat.Jpeg);
    }

    /// <summary>A noisy JPEG cut in half.</summary>
    public static byte[] TruncatedJpeg()
    {
        using SKBitmap bitmap = Noise(64, 64, 7);
        byte[] jpeg = Encode(bitmap, SKEncodedImageFormat.Jpeg);
        return jpeg[..(jpeg.Length / 2)];
    }

    /// <summary>An 8-bit PNG built by hand (valid CRCs), e.g. with dimensions Skia would never be asked to encode.</summary>
    /// <param name="width">Width written to IHDR.</param>
    /// <param name="height">Height written to IHDR.</param>
    /// <param name="colorType">PNG colour type: 0 grey, 2 RGB, 6 RGBA.</param>
    /// <param name="pixel">Bytes of one pixel, repeated everywhere.</param>
    public static byte[] HandmadePng(int width, int height, byte colorType, byte[] pixel)
    {
        using MemoryStream file = PngStart(width, height, colorType);

        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            byte[] row = new byte[1 + (width * pixel.Length)];
            for (int x = 0; x < width; x++)
            {
                pixel.CopyTo(row, 1 + (x * pixel.Length));
            }

            for (int y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        WriteChunk(file, "IDAT", raw.ToArray());
        WriteChunk(file, "IEND", []);
        return file.ToArray();
    }

    /// <summary>
    /// A PNG whose header declares <paramref name="width"/>×<paramref name="height"/> RGB pixels but whose data is one
    /// short row: what an upload claiming an absurd size looks like, cheap to make at any declared size.
    /// </summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        using MemoryStream file = PngStart(width, height, colorType: 2);
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(new byte[64]);
        }

        WriteChunk(file, "IDAT", raw.ToArray());
        WriteChunk(file, "IEND", []);
        return file.ToArray();
    }

    /// <summary>A 24-bit bottom-up BMP of one colour, built by hand (Skia cannot encode BMP).</summary>
    public static byte[] Bmp(int width, int height, SKColor color)
    {
        int rowBytes = ((width * 3) + 3) & ~3;
        int imageBytes = rowBytes * height;
        byte[] file = new byte[54 + imageBytes];
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(28), 24);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(34), imageBytes);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int p = 54 + (y * rowBytes) + (x * 3);
                file[p] = color.Blue;
                file[p + 1] = color.Green;
                file[p + 2] = color.Red;
            }
        }

        return file;
    }

    /// <summary>
    /// A GIF whose frames are each filled with one palette colour (Skia cannot encode GIF). The LZW stream resets the
    /// dictionary every two pixels, so all codes stay 3 bits wide and no compression logic is needed.
    /// </summary>
    public static byte[] Gif(int width, int height, params SKColor[] frameColors)
    {
        using var file = new MemoryStream();
        file.Write("GIF89a"u8);
        file.Write(BitConverter.GetBytes((ushort)width));
        file.Write(BitConverter.GetBytes((ushort)height));
        file.Write([0x81, 0, 0]); // global colour table of 4 entries; background 0; no aspect ratio
        for (int i = 0; i < 4; i++)
        {
            SKColor c = i < frameColors.Length ? frameColors[i] : SKColors.Black;
            file.Write([c.Red, c.Green, c.Blue]);
        }

        for (int frame = 0; frame < frameColors.Length; frame++)
        {
            file.WriteByte(0x2C);
            file.Write(BitConverter.GetBytes((ushort)0));
            file.Write(BitConverter.GetBytes((ushort)0));
            file.Write(BitConverter.GetBytes((ushort)width));
            file.Write(BitConverter.GetBytes((ushort)height));
            file.WriteByte(0);
            file.WriteByte(2); // LZW minimum code size: clear = 4, end = 5, codes are 3 bits
            var codes = new List<int>();
            for (int p = 0; p < width * height; p += 2)
            {
                codes.Add(4);
                codes.Add(frame);
                if (p + 1 < width * height)
                {
                    codes.Add(frame);
                }
            }

            codes.Add(5);
            var packed = new List<byte>();
            int bits = 0;
            int buffer = 0;
            foreach (int code in codes)
            {
                buffer |= code << bits;
                bits += 3;
                while (bits >= 8)
                {
                    packed.Add((byte)buffer);
                    buffer >>= 8;
                    bits -= 8;
                }
            }

            if (bits > 0)
            {
                packed.Add((byte)buffer);
            }

            for (int i = 0; i < packed.Count; i += 255)
            {
                int n = Math.Min(255, packed.Count - i);
                file.WriteByte((byte)n);
                file.Write(packed.GetRange(i, n).ToArray());
            }

            file.WriteByte(0);
        }

        file.WriteByte(0x3B);
        return file.ToArray();
    }

    /// <summary>Inserts an EXIF APP1 segment with the given orientation (1–8) right after the JPEG's SOI marker.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        using var tiff = new MemoryStream();
        tiff.Write("II*\0"u8);
        tiff.Write(BitConverter.GetBytes(8u));           // offset of IFD0
        tiff.Write(BitConverter.GetBytes((ushort)1));    // one entry
        tiff.Write(BitConverter.GetBytes((ushort)0x0112)); // Orientation
        tiff.Write(BitConverter.GetBytes((ushort)3));    // SHORT
        tiff.Write(BitConverter.GetBytes(1u));           // count
        tiff.Write(BitConverter.GetBytes(orientation));
        tiff.Write(BitConverter.GetBytes((ushort)0));    // padding of the 4-byte value field
        tiff.Write(BitConverter.GetBytes(0u));           // no next IFD
        byte[] payload = [.. "Exif\0\0"u8, .. tiff.ToArray()];
        byte[] segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>Reads pixel (x, y) of a planar CHW RGB image.</summary>
    public static (byte R, byte G, byte B) At(ReadOnlySpan<byte> chw, int size, int x, int y)
    {
        int plane = size * size;
        int o = (y * size) + x;
        return (chw[o], chw[plane + o], chw[(2 * plane) + o]);
    }

    /// <summary>Whether two colours differ by at most <paramref name="tolerance"/> per channel.</summary>
    public static bool Near((byte R, byte G, byte B) actual, SKColor expected, int tolerance) =>
        Math.Abs(actual.R - expected.Red) <= tolerance &&
        Math.Abs(actual.G - expected.Green) <= tolerance &&
        Math.Abs(actual.B - expected.Blue) <= tolerance;

    /// <summary>The PNG signature and an 8-bit IHDR chunk.</summary>
    private static MemoryStream PngStart(int width, int height, byte colorType)
    {
        var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        byte[] ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = colorType;
        WriteChunk(file, "IHDR", ihdr);
        return file;
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        byte[] length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        stream.Write(typed);
        byte[] crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        stream.Write(crc);
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
