using System.Text;

namespace FaceMask.Tests.Support;

/// <summary>Small videos made with ffmpeg at test time (never committed): generated pictures, no shared data.</summary>
internal static class TestVideos
{
    /// <summary>ffmpeg's moving test pattern (no face), <paramref name="seconds"/> long at 10 fps, with noise so that it does not compress to nothing.</summary>
    public static string Pattern(string directory, string name = "pattern.mp4", int seconds = 3, bool fastStart = true, int width = 160, int height = 120)
    {
        string path = Path.Combine(directory, name);
        var args = new List<string>
        {
            "-f", "lavfi", "-i", $"testsrc2=s={width}x{height}:r=10", "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-vf", "noise=alls=40:allf=t", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
        };
        if (fastStart)
        {
            args.AddRange(["-movflags", "+faststart"]);
        }

        args.Add(path);
        Ffmpeg.Run([.. args]);
        return path;
    }

    /// <summary>The first half of a file, as a download or copy that broke off leaves it.</summary>
    public static string FirstHalfOf(string source, string name)
    {
        string path = Path.Combine(Path.GetDirectoryName(source)!, name);
        byte[] bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        return path;
    }

    /// <summary>A YUV4MPEG2 file with a header and no frame: a video stream with zero frames.</summary>
    public static string ZeroFrames(string directory)
    {
        string path = Path.Combine(directory, "zero.y4m");
        File.WriteAllText(path, "YUV4MPEG2 W64 H64 F10:1 Ip A1:1 C420jpeg\n", new UTF8Encoding(false));
        return path;
    }

    /// <summary>A Matroska file whose codec id was changed to one no ffmpeg knows.</summary>
    public static string UnknownCodec(string directory)
    {
        string plain = Path.Combine(directory, "plain.mkv");
        Ffmpeg.Run("-f", "lavfi", "-i", "color=c=gray:s=64x64:r=10", "-t", "1", "-c:v", "libx264", "-pix_fmt", "yuv420p", plain);
        byte[] bytes = File.ReadAllBytes(plain);
        byte[] known = Encoding.ASCII.GetBytes("V_MPEG4/ISO/AVC");
        int at = bytes.AsSpan().IndexOf(known);
        if (at < 0)
        {
            throw new InvalidOperationException("the Matroska file has no V_MPEG4/ISO/AVC codec id to change");
        }

        Encoding.ASCII.GetBytes("V_QQQQQ/ISO/ZZZ").CopyTo(bytes, at);
        string path = Path.Combine(directory, "alien.mkv");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>One raw grey frame of 8200×16 pixels (wider than the 8192 px limit) in a NUT file.</summary>
    public static string TooWide(string directory)
    {
        string path = Path.Combine(directory, "wide.nut");
        Ffmpeg.Run("-f", "lavfi", "-i", "color=c=gray:s=8200x16:r=5", "-frames:v", "1", "-c:v", "rawvideo", "-pix_fmt", "gray", path);
        return path;
    }
}
