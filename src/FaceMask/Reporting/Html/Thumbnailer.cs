using FaceMask.Data;
using SkiaSharp;

namespace FaceMask.Reporting.Html;

/// <summary>
/// Small JPEG thumbnails of dataset images as data URIs, read from the dataset root recorded in the run.
/// Images that are not reachable (another machine, a moved dataset) or not decodable give null; the sections
/// then show a placeholder and say why.
/// </summary>
internal sealed class Thumbnailer
{
    private static readonly SKSamplingOptions Shrink = new(SKFilterMode.Linear, SKMipmapMode.Linear);
    private readonly string? _root;
    private readonly int _side;
    private readonly Dictionary<string, string?> _cache = new(StringComparer.Ordinal);

    /// <summary>Thumbnails of images under <paramref name="root"/>, at most <paramref name="side"/> pixels on the longer side.</summary>
    public Thumbnailer(string? root, int side)
    {
        _root = root;
        _side = Math.Max(16, side);
        RootAvailable = root is not null && Directory.Exists(root);
    }

    /// <summary>True when the dataset root exists on this machine.</summary>
    public bool RootAvailable { get; }

    /// <summary>How many thumbnails failed (missing or undecodable files).</summary>
    public int Failures { get; private set; }

    /// <summary>The thumbnail of <paramref name="path"/> (relative to the root, or absolute) as a <c>data:image/jpeg;base64,…</c> URI, or null.</summary>
    public string? DataUri(string path)
    {
        if (_cache.TryGetValue(path, out string? cached))
        {
            return cached;
        }

        string? uri = Make(path);
        if (uri is null)
        {
            Failures++;
        }

        _cache[path] = uri;
        return uri;
    }

    private string? Make(string path)
    {
        string full = Path.IsPathRooted(path) ? path : _root is null ? string.Empty : Path.Combine(_root, path);
        if (full.Length == 0 || (!Path.IsPathRooted(path) && !RootAvailable) || !File.Exists(full))
        {
            return null;
        }

        try
        {
            byte[] bytes = File.ReadAllBytes(full);
            using SKBitmap bitmap = ImageDecoder.DecodeBitmap(bytes, full);
            double scale = Math.Min(1.0, _side / (double)Math.Max(bitmap.Width, bitmap.Height));
            int w = Math.Max(1, (int)Math.Round(bitmap.Width * scale));
            int h = Math.Max(1, (int)Math.Round(bitmap.Height * scale));
            using var small = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque));
            using (SKPixmap source = bitmap.PeekPixels())
            using (SKPixmap target = small.PeekPixels())
            {
                if (!source.ScalePixels(target, Shrink))
                {
                    return null;
                }
            }

            using SKImage image = SKImage.FromBitmap(small);
            using SKData data = image.Encode(SKEncodedImageFormat.Jpeg, 82);
            return data is null ? null : "data:image/jpeg;base64," + Convert.ToBase64String(data.AsSpan());
        }
        catch (ImageDecodeException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
