using SkiaSharp;

namespace FaceMask.Data;

/// <summary>
/// What an encoded image's first bytes and header say, read without decoding any pixel: the format (sniffed from the
/// bytes, never from a file name) and the stored size. Use it to refuse uploads cheaply before they reach a decoder.
/// </summary>
/// <param name="Format">Container name, e.g. "JPEG" or "PNG".</param>
/// <param name="Width">Stored width in pixels (before EXIF orientation).</param>
/// <param name="Height">Stored height in pixels (before EXIF orientation).</param>
public sealed record ImageHeader(string Format, int Width, int Height)
{
    /// <summary>
    /// Sniffs the bytes and reads the header, applying the same checks as <see cref="ImageDecoder"/> does before it
    /// decodes: empty, not an image, unsupported format, unreadable header, under <see cref="ImageDecoder.MinSide"/> or
    /// over <see cref="ImageDecoder.MaxSide"/> px a side or <see cref="ImageDecoder.MaxPixels"/> pixels.
    /// </summary>
    /// <param name="encoded">The file's bytes.</param>
    /// <param name="nameForErrors">What to call the image in error messages.</param>
    /// <exception cref="ImageDecodeException">The bytes fail one of the checks; <see cref="ImageDecodeException.Problem"/> says which.</exception>
    public static ImageHeader Read(ReadOnlySpan<byte> encoded, string nameForErrors)
    {
        ArgumentNullException.ThrowIfNull(nameForErrors);
        using SKCodec codec = ImageDecoder.OpenCodec(encoded, nameForErrors, out string format);
        return new ImageHeader(format, codec.Info.Width, codec.Info.Height);
    }
}
