using System.Runtime.InteropServices;
using SkiaSharp;

namespace FaceMask.Data;

/// <summary>
/// Decodes JPEG, PNG, GIF (first frame), BMP and WebP images to RGB with SkiaSharp: EXIF orientation applied,
/// transparency composited over white, grayscale expanded to three channels, no colour management.
/// </summary>
public static class ImageDecoder
{
    /// <summary>Smallest accepted width or height in pixels.</summary>
    public const int MinSide = 8;

    /// <summary>Largest accepted width or height in pixels.</summary>
    public const int MaxSide = 20_000;

    /// <summary>Largest accepted area (width × height) in pixels.</summary>
    public const long MaxPixels = 100_000_000;

    /// <summary>Largest accepted output size for <see cref="DecodeResized(string, int, ResizeMode)"/>.</summary>
    public const int MaxOutputSize = 4096;

    internal const string EmptyReason = "empty file (0 bytes)";

    internal const string SupportedFormats = "JPEG, PNG, GIF, BMP, WebP";

    // Shrinking by more than 2x: trilinear filtering, which is anti-aliased (a cubic or bilinear filter aliases badly
    // there) but must build a mipmap chain per image. Otherwise (the usual case after a JPEG scaled decode, and when
    // enlarging) Mitchell cubic, which is sharper and several times cheaper.
    private static readonly SKSamplingOptions Shrink = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    private static readonly SKSamplingOptions Near = new(SKCubicResampler.Mitchell);

    /// <summary>Reads and decodes an image file and resizes it to <paramref name="size"/>×<paramref name="size"/>.</summary>
    /// <param name="path">The image file; it is also the name used in error messages.</param>
    /// <param name="size">Output width and height in pixels.</param>
    /// <param name="mode">How the aspect ratio is handled.</param>
    /// <returns>Planar CHW RGB bytes (all red values, then green, then blue), length 3×size×size.</returns>
    /// <exception cref="ImageDecodeException">The file is missing, unreadable or not a usable image.</exception>
    public static byte[] DecodeResized(string path, int size, ResizeMode mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ValidateSize(size);
        byte[] bytes = ReadFile(path, path);
        return DecodeResized(bytes, path, size, mode);
    }

    /// <summary>Decodes encoded image bytes and resizes them to <paramref name="size"/>×<paramref name="size"/>.</summary>
    /// <param name="encoded">The file content.</param>
    /// <param name="nameForErrors">How the image is named in error messages (usually its path).</param>
    /// <param name="size">Output width and height in pixels.</param>
    /// <param name="mode">How the aspect ratio is handled.</param>
    /// <returns>Planar CHW RGB bytes (all red values, then green, then blue), length 3×size×size.</returns>
    /// <exception cref="ImageDecodeException">The bytes are not a usable image.</exception>
    public static byte[] DecodeResized(ReadOnlySpan<byte> encoded, string nameForErrors, int size, ResizeMode mode)
    {
        ArgumentNullException.ThrowIfNull(nameForErrors);
        ValidateSize(size);
        var result = new byte[3 * size * size];
        DecodeInto(encoded, nameForErrors, size, mode, result);
        return result;
    }

    /// <summary>
    /// Decodes encoded image bytes at full resolution (for augmentation and face detection): an RGBA8888,
    /// unpremultiplied bitmap with EXIF orientation applied and transparency composited over white (alpha is 255).
    /// </summary>
    /// <param name="encoded">The file content.</param>
    /// <param name="nameForErrors">How the image is named in error messages (usually its path).</param>
    /// <returns>A new bitmap the caller must dispose.</returns>
    /// <exception cref="ImageDecodeException">The bytes are not a usable image.</exception>
    public static SKBitmap DecodeBitmap(ReadOnlySpan<byte> encoded, string nameForErrors)
    {
        ArgumentNullException.ThrowIfNull(nameForErrors);
        using SKCodec codec = OpenCodec(encoded, nameForErrors, out string format);
        SKBitmap decoded = DecodeOpaque(codec, codec.Info.Size, nameForErrors, format, SKAlphaType.Unpremul);
        SKEncodedOrigin origin = codec.EncodedOrigin;
        if (origin is SKEncodedOrigin.TopLeft or < SKEncodedOrigin.TopLeft or > SKEncodedOrigin.LeftBottom)
        {
            return decoded;
        }

        using (decoded)
        {
            return Orient(decoded, origin);
        }
    }

    /// <summary>Decodes and resizes into <paramref name="chw"/> (length 3×size×size).</summary>
    internal static void DecodeInto(ReadOnlySpan<byte> encoded, string name, int size, ResizeMode mode, Span<byte> chw)
    {
        using SKCodec codec = OpenCodec(encoded, name, out string format);
        SKSizeI dims = ChooseDecodeSize(codec, size);
        using SKBitmap decoded = DecodeOpaque(codec, dims, name, format, SKAlphaType.Opaque);
        using SKBitmap resized = Resize(decoded, size, mode)
            ?? throw new ImageDecodeException(name, ImageProblem.Unreadable, $"cannot resize the {format} image");
        ToChw(resized, codec.EncodedOrigin, chw);
    }

    /// <summary>
    /// Resizes an in-memory image (e.g. a face cropped from a photo, already upright) to
    /// <paramref name="size"/>×<paramref name="size"/> exactly as decoded files are resized, into planar CHW RGB bytes.
    /// </summary>
    /// <param name="image">The image (RGBA8888; alpha is ignored).</param>
    /// <param name="size">Output width and height in pixels.</param>
    /// <param name="mode">How the aspect ratio is handled.</param>
    /// <param name="chw">Destination, length 3×size×size.</param>
    public static void ResizeInto(SKBitmap image, int size, ResizeMode mode, Span<byte> chw)
    {
        ArgumentNullException.ThrowIfNull(image);
        ValidateSize(size);
        if (chw.Length != 3 * size * size)
        {
            throw new ArgumentException($"the destination must hold 3×{size}×{size} bytes", nameof(chw));
        }

        using SKBitmap resized = Resize(image, size, mode) ?? throw new FaceMaskException($"cannot resize a {image.Width}x{image.Height} image to {size}x{size}");
        ToChw(resized, SKEncodedOrigin.TopLeft, chw);
    }

    internal static void ValidateSize(int size)
    {
        if (size is < 1 or > MaxOutputSize)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"The output size must be between 1 and {MaxOutputSize} pixels.");
        }
    }

    /// <summary>Resizes to size×size (opaque RGBA); null when Skia cannot.</summary>
    private static SKBitmap? Resize(SKBitmap decoded, int size, ResizeMode mode)
    {
        var resized = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using SKPixmap source = decoded.PeekPixels();
        using SKPixmap target = resized.PeekPixels();
        int width = decoded.Width;
        int height = decoded.Height;
        bool scaled;
        if (mode == ResizeMode.CenterCrop && width != height)
        {
            int side = Math.Min(width, height);
            var square = SKRectI.Create((width - side) / 2, (height - side) / 2, side, side);
            using SKPixmap? region = source.ExtractSubset(square);
            scaled = region is not null && region.ScalePixels(target, side > 2 * size ? Shrink : Near);
        }
        else
        {
            scaled = source.ScalePixels(target, width > 2 * size || height > 2 * size ? Shrink : Near);
        }

        if (!scaled)
        {
            resized.Dispose();
            return null;
        }

        return resized;
    }

    /// <summary>Reads a whole image file, with missing or unreadable files reported as <see cref="ImageDecodeException"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="name">How the file is named in error messages.</param>
    public static byte[] ReadFile(string path, string name)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImageDecodeException(name, ImageProblem.Unreadable, "file not found", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException(name, ImageProblem.Unreadable, $"cannot read file ({ex.Message})", ex);
        }
    }

    internal static SKCodec OpenCodec(ReadOnlySpan<byte> encoded, string name, out string format)
    {
        if (encoded.IsEmpty)
        {
            throw new ImageDecodeException(name, ImageProblem.Empty, EmptyReason);
        }

        switch (ImageSniffer.Sniff(encoded, out format))
        {
            case ImageSniffer.Kind.Unknown:
                throw new ImageDecodeException(name, ImageProblem.NotAnImage, $"not an image ({ImageSniffer.DescribeNonImage(encoded)})");
            case ImageSniffer.Kind.Unsupported:
                throw new ImageDecodeException(name, ImageProblem.UnsupportedFormat, $"unsupported image format {format} (supported: {SupportedFormats})");
        }

        SKCodec? codec;
        SKCodecResult result;
        using (SKData data = SKData.CreateCopy(encoded))
        {
            var stream = new SKMemoryStream(data);
            codec = SKCodec.Create(stream, out result);
            if (codec is null)
            {
                stream.Dispose();
            }
        }

        if (codec is null)
        {
            throw result switch
            {
                SKCodecResult.IncompleteInput => new ImageDecodeException(name, ImageProblem.Truncated, $"truncated image ({format} data ends early)"),
                SKCodecResult.Unimplemented => new ImageDecodeException(name, ImageProblem.UnsupportedFormat, $"unsupported {format} variant"),
                _ => new ImageDecodeException(name, ImageProblem.Unreadable, $"cannot read the {format} header ({result})"),
            };
        }

        int width = codec.Info.Width;
        int height = codec.Info.Height;
        if (width > MaxSide || height > MaxSide || (long)width * height > MaxPixels)
        {
            codec.Dispose();
            throw new ImageDecodeException(name, ImageProblem.TooLarge,
                $"image too large ({width}x{height} px; the limit is {MaxSide} px per side and {MaxPixels / 1_000_000} megapixels)");
        }

        if (width < MinSide || height < MinSide)
        {
            codec.Dispose();
            throw new ImageDecodeException(name, ImageProblem.TooSmall,
                $"image too small ({width}x{height} px; each side must be at least {MinSide} px)");
        }

        return codec;
    }

    /// <summary>The smallest size the codec can decode to cheaply (JPEG DCT scaling) that still covers size×size.</summary>
    private static SKSizeI ChooseDecodeSize(SKCodec codec, int size)
    {
        SKSizeI full = codec.Info.Size;
        if (codec.EncodedFormat != SKEncodedImageFormat.Jpeg || full.Width < 2 * size || full.Height < 2 * size)
        {
            return full;
        }

        for (int eighths = 1; eighths < 8; eighths++)
        {
            SKSizeI candidate = codec.GetScaledDimensions(eighths / 8f);
            if (candidate.Width >= size && candidate.Height >= size && candidate.Width <= full.Width && candidate.Height <= full.Height)
            {
                return candidate;
            }
        }

        return full;
    }

    /// <summary>Decodes to RGBA8888 at <paramref name="dims"/> and composites any transparency over white.</summary>
    private static SKBitmap DecodeOpaque(SKCodec codec, SKSizeI dims, string name, string format, SKAlphaType declaredAlpha)
    {
        bool hasAlpha = codec.Info.AlphaType != SKAlphaType.Opaque;
        var bitmap = new SKBitmap();
        try
        {
            var bitmapInfo = new SKImageInfo(dims.Width, dims.Height, SKColorType.Rgba8888, declaredAlpha);
            if (!bitmap.TryAllocPixels(bitmapInfo))
            {
                throw new ImageDecodeException(name, ImageProblem.TooLarge, $"image too large ({dims.Width}x{dims.Height} px; not enough memory)");
            }

            var decodeInfo = new SKImageInfo(dims.Width, dims.Height, SKColorType.Rgba8888, hasAlpha ? SKAlphaType.Unpremul : SKAlphaType.Opaque);
            SKCodecResult result = codec.GetPixels(decodeInfo, bitmap.GetPixels(), bitmap.RowBytes, SKCodecOptions.Default);
            switch (result)
            {
                case SKCodecResult.Success:
                    break;
                case SKCodecResult.IncompleteInput:
                    throw new ImageDecodeException(name, ImageProblem.Truncated, $"truncated image ({format} data ends early)");
                case SKCodecResult.ErrorInInput:
                    throw new ImageDecodeException(name, ImageProblem.Truncated, $"truncated or corrupt image ({format} data is damaged)");
                default:
                    throw new ImageDecodeException(name, ImageProblem.Unreadable, $"cannot decode the {format} image ({result})");
            }

            if (hasAlpha)
            {
                CompositeOverWhite(bitmap);
            }

            return bitmap;
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }
    }

    private static void CompositeOverWhite(SKBitmap bitmap)
    {
        Span<byte> pixels = bitmap.GetPixelSpan();
        int rowBytes = bitmap.RowBytes;
        int width = bitmap.Width;
        for (int y = 0; y < bitmap.Height; y++)
        {
            Span<byte> row = pixels.Slice(y * rowBytes, width * 4);
            for (int i = 0; i < row.Length; i += 4)
            {
                int alpha = row[i + 3];
                if (alpha == 255)
                {
                    continue;
                }

                int white = 255 * (255 - alpha);
                row[i] = (byte)((row[i] * alpha + white + 127) / 255);
                row[i + 1] = (byte)((row[i + 1] * alpha + white + 127) / 255);
                row[i + 2] = (byte)((row[i + 2] * alpha + white + 127) / 255);
                row[i + 3] = 255;
            }
        }
    }

    /// <summary>Copies a square RGBA bitmap into planar CHW RGB, applying the EXIF orientation on the way.</summary>
    private static void ToChw(SKBitmap bitmap, SKEncodedOrigin origin, Span<byte> chw)
    {
        int size = bitmap.Width;
        int plane = size * size;
        int rowBytes = bitmap.RowBytes;
        ReadOnlySpan<byte> pixels = bitmap.GetPixelSpan();
        Span<byte> red = chw[..plane];
        Span<byte> green = chw.Slice(plane, plane);
        Span<byte> blue = chw.Slice(2 * plane, plane);
        for (int dy = 0; dy < size; dy++)
        {
            for (int dx = 0; dx < size; dx++)
            {
                (int sx, int sy) = SourceOf(origin, dx, dy, size, size);
                int p = (sy * rowBytes) + (sx * 4);
                int o = (dy * size) + dx;
                red[o] = pixels[p];
                green[o] = pixels[p + 1];
                blue[o] = pixels[p + 2];
            }
        }
    }

    /// <summary>Returns a new bitmap with the EXIF orientation applied.</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        int width = source.Width;
        int height = source.Height;
        bool swap = origin >= SKEncodedOrigin.LeftTop;
        int outWidth = swap ? height : width;
        int outHeight = swap ? width : height;
        var result = new SKBitmap(new SKImageInfo(outWidth, outHeight, source.ColorType, source.AlphaType));
        ReadOnlySpan<uint> src = MemoryMarshal.Cast<byte, uint>(source.GetPixelSpan());
        Span<uint> dst = MemoryMarshal.Cast<byte, uint>(result.GetPixelSpan());
        int srcStride = source.RowBytes / 4;
        int dstStride = result.RowBytes / 4;
        for (int dy = 0; dy < outHeight; dy++)
        {
            for (int dx = 0; dx < outWidth; dx++)
            {
                (int sx, int sy) = SourceOf(origin, dx, dy, width, height);
                dst[(dy * dstStride) + dx] = src[(sy * srcStride) + sx];
            }
        }

        return result;
    }

    /// <summary>For a pixel of the displayed (oriented) image, the pixel of the stored image it comes from.</summary>
    private static (int X, int Y) SourceOf(SKEncodedOrigin origin, int dx, int dy, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => (width - 1 - dx, dy),
        SKEncodedOrigin.BottomRight => (width - 1 - dx, height - 1 - dy),
        SKEncodedOrigin.BottomLeft => (dx, height - 1 - dy),
        SKEncodedOrigin.LeftTop => (dy, dx),
        SKEncodedOrigin.RightTop => (dy, height - 1 - dx),
        SKEncodedOrigin.RightBottom => (width - 1 - dy, height - 1 - dx),
        SKEncodedOrigin.LeftBottom => (width - 1 - dy, dx),
        _ => (dx, dy),
    };
}
