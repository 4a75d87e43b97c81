using FFMpegCore.Pipes;

namespace FaceMask.Video;

/// <summary>One annotated frame on its way to the encoder: raw RGBA bytes.</summary>
internal sealed class AnnotatedFrame(int width, int height, byte[] pixels) : IVideoFrame
{
    public int Width => width;

    public int Height => height;

    public string Format => "rgba";

    public string PixelFormat => "rgba";

    public void Serialize(Stream pipe)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        pipe.Write(pixels, 0, pixels.Length);
    }

    public Task SerializeAsync(Stream pipe, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        return pipe.WriteAsync(pixels, 0, pixels.Length, token);
    }
}
