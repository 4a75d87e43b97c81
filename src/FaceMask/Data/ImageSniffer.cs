using System.Text;

namespace FaceMask.Data;

/// <summary>Recognises an image container from its first bytes, before any decoder sees it.</summary>
internal static class ImageSniffer
{
    /// <summary>What the first bytes say.</summary>
    internal enum Kind
    {
        /// <summary>No known image signature.</summary>
        Unknown,

        /// <summary>A format the decoder supports.</summary>
        Supported,

        /// <summary>A recognised image format that is not supported.</summary>
        Unsupported,
    }

    /// <summary>Identifies the container and returns a human-readable format name ("JPEG", "TIFF", ...).</summary>
    internal static Kind Sniff(ReadOnlySpan<byte> data, out string format)
    {
        format = "unknown";
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            format = "JPEG";
            return Kind.Supported;
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            format = "PNG";
            return Kind.Supported;
        }

        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
        {
            format = "GIF";
            return Kind.Supported;
        }

        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            format = "WebP";
            return Kind.Supported;
        }

        if (data.StartsWith("BM"u8) && data.Length >= 26)
        {
            format = "BMP";
            return Kind.Supported;
        }

        format = UnsupportedName(data) ?? "unknown";
        return format == "unknown" ? Kind.Unknown : Kind.Unsupported;
    }

    /// <summary>A short description of non-image content for error messages, e.g. "it is an HTML page".</summary>
    internal static string DescribeNonImage(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> head = data[..Math.Min(data.Length, 512)];
        string text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || text.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
        {
            return "it is an HTML page, probably a failed download";
        }

        if (head.StartsWith("%PDF"u8))
        {
            return "it is a PDF document";
        }

        int printable = 0;
        foreach (byte b in head)
        {
            if (b is (>= 0x20 and < 0x7F) or (byte)'\n' or (byte)'\r' or (byte)'\t' or >= 0x80)
            {
                printable++;
            }
        }

        return printable == head.Length ? "it contains text" : "the content is not JPEG, PNG, GIF, BMP or WebP data";
    }

    private static string? UnsupportedName(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8))
        {
            return "TIFF";
        }

        if (data.Length >= 12 && data.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            ReadOnlySpan<byte> brand = data.Slice(8, 4);
            if (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8))
            {
                return "AVIF";
            }

            if (brand.StartsWith("hei"u8) || brand.StartsWith("hev"u8) || brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8))
            {
                return "HEIC";
            }
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x0A]) ||
            data.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x00, 0x0C, (byte)'J', (byte)'X', (byte)'L', (byte)' ']))
        {
            return "JPEG XL";
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x00, 0x0C, (byte)'j', (byte)'P', (byte)' ', (byte)' ']) ||
            data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x4F, 0xFF, 0x51]))
        {
            return "JPEG 2000";
        }

        if (data.StartsWith("8BPS"u8))
        {
            return "Photoshop PSD";
        }

        if (data.Length >= 6 && data.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x01, 0x00]) && data[4] != 0 && data[5] == 0)
        {
            return "ICO";
        }

        string text = Encoding.UTF8.GetString(data[..Math.Min(data.Length, 256)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.StartsWith("<svg", StringComparison.Ordinal) || (text.StartsWith("<?xml", StringComparison.Ordinal) && text.Contains("<svg", StringComparison.Ordinal)))
        {
            return "SVG";
        }

        return null;
    }
}
