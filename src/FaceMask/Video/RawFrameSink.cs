using System.Runtime.InteropServices;
using FFMpegCore.Pipes;
using SkiaSharp;

namespace FaceMask.Video;

/// <summary>
/// Receives ffmpeg's raw RGBA frames from FFMpegCore's pipe and hands each, as a reused bitmap, to a callback on the
/// reading thread. ffmpeg waits while the callback works, so decoding never runs ahead of the analysis. An exception
/// of the callback stops the reading and is kept for the caller (ffmpeg then ends on a broken pipe).
/// </summary>
internal sealed class RawFrameSink(int width, int height, Action<SKBitmap, int> onFrame) : IPipeSink
{
    /// <summary>Whole frames received.</summary>
    public int Frames { get; private set; }

    /// <summary>The stream ended inside a frame.</summary>
    public bool EndedMidFrame { get; private set; }

    /// <summary>What the callback threw, if it did.</summary>
    public Exception? Failure { get; private set; }

    public string GetFormat() => "rawvideo";

    /// <summary>The output options ffmpeg needs for this sink: raw RGBA frames, no audio, subtitles or data.</summary>
    public string GetStreamArguments() => "-f rawvideo -pix_fmt rgba -an -sn -dn";

    public async Task ReadAsync(Stream inputStream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputStream);
        int frameBytes = width * height * 4;
        var buffer = new byte[frameBytes];
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        while (true)
        {
            int filled = 0;
            while (filled < frameBytes)
            {
                int read = await inputStream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            if (filled < frameBytes)
            {
                EndedMidFrame = filled > 0;
                return;
            }

            CopyInto(bitmap, buffer);
            try
            {
                onFrame(bitmap, Frames);
            }
            catch (Exception ex)
            {
                Failure = ex;
                return;
            }

            Frames++;
        }
    }

    private void CopyInto(SKBitmap bitmap, byte[] buffer)
    {
        int rowBytes = width * 4;
        IntPtr pixels = bitmap.GetPixels();
        if (bitmap.RowBytes == rowBytes)
        {
            Marshal.Copy(buffer, 0, pixels, buffer.Length);
            return;
        }

        for (int y = 0; y < height; y++)
        {
            Marshal.Copy(buffer, y * rowBytes, pixels + (y * bitmap.RowBytes), rowBytes);
        }
    }
}
