using System.Globalization;
using FaceMask.Data;
using FaceMask.Detection;
using FaceMask.Inference;
using FaceMask.Tests.Support;
using SkiaSharp;

namespace FaceMask.Tests.Video;

/// <summary>
/// Builds the shared-data test videos once (never committed): five people, one per class where the photo path is
/// right about them, as a slideshow (each shown 2 s at its own place, 0.5 s of empty frame between) and as a slow
/// pan over a collage of all five. Also holds the photo analyzer with the shipped model.
/// </summary>
public sealed class SharedVideoFixture : IDisposable
{
    /// <summary>Frames per second of both videos.</summary>
    public const int Fps = 15;

    /// <summary>Side of each pasted face picture.</summary>
    public const int Side = 160;

    /// <summary>Pan: the window moves this many pixels to the right per second, up to <see cref="PanShift"/>.</summary>
    public const int PanSpeed = 40;

    /// <summary>Pan: how far the window moves in all.</summary>
    public const int PanShift = 240;

    private static readonly SKPointI[] CollageSlots = [new(270, 60), new(510, 60), new(750, 60), new(390, 300), new(630, 300)];

    private readonly TempDirectory temp = new();

    public SharedVideoFixture()
    {
        if (Ffmpeg.MissingReason is not null || SharedData.ImagesRoot is null || DetectionFixture.MissingDetectorReason is not null)
        {
            return;
        }

        Analyzer = PhotoAnalyzer.Open(null);
        Faces = PickFaces(Analyzer);
        Slideshow = MakeSlideshow();
        Pan = MakePan();
    }

    public PhotoAnalyzer? Analyzer { get; }

    internal IReadOnlyList<SharedFace> Faces { get; } = [];

    /// <summary>The slideshow and, per person, when it is shown (seconds) and its still frame's photo-path label.</summary>
    internal (string Path, IReadOnlyList<(double Start, double End, string PhotoLabel)> Shown) Slideshow { get; }

    /// <summary>The pan video and the collage slot (canvas pixels) of each person.</summary>
    internal (string Path, IReadOnlyList<SKRectI> Slots) Pan { get; }

    public string Folder => temp.Path;

    public void Dispose()
    {
        Analyzer?.Dispose();
        temp.Dispose();
    }

    /// <summary>The face picture pasted into the videos: the photo cut square around its face (margin 0.5).</summary>
    internal static SKBitmap Picture(SharedFace face)
    {
        using SKBitmap photo = ImageDecoder.DecodeBitmap(File.ReadAllBytes(face.Path), face.Path);
        return FaceCrop.Extract(photo, FaceCrop.Region(face.Face, photo.Width, photo.Height, 0.5f));
    }

    private static IReadOnlyList<SharedFace> PickFaces(PhotoAnalyzer analyzer)
    {
        var picked = new List<SharedFace>();
        foreach (string dir in Directory.GetDirectories(SharedData.ImagesRoot!).Order(StringComparer.Ordinal))
        {
            string label = Path.GetFileName(dir);
            foreach (string path in Directory.GetFiles(dir).Order(StringComparer.Ordinal).Take(80))
            {
                using SKBitmap photo = ImageDecoder.DecodeBitmap(File.ReadAllBytes(path), path);
                if (photo.Width < 96 || photo.Height < 96)
                {
                    continue;
                }

                PhotoAnalysis alone = analyzer.Analyze(photo);
                if (!alone.WholeImage && alone.Faces is [FaceResult face] && face.Label == label && !face.Unsure && face.Probabilities[label] >= 0.9f && face.Box.Width >= 40)
                {
                    picked.Add(new SharedFace(path, face.Box, label));
                    break;
                }
            }
        }

        return picked;
    }

    private (string, IReadOnlyList<(double, double, string)>) MakeSlideshow()
    {
        const int width = 960, height = 540;
        const double gap = 0.5, shown = 2.0;
        var list = new List<string>();
        var windows = new List<(double, double, string)>();
        string blank = Still(temp["blank.png"], width, height, []);
        double clock = 0;
        for (int i = 0; i < Faces.Count; i++)
        {
            list.Add($"file '{blank}'\nduration {gap.ToString(CultureInfo.InvariantCulture)}");
            clock += gap;
            var at = new SKPointI(60 + (i * 170), i % 2 == 0 ? 60 : 300);
            string still = Still(temp[$"person{i}.png"], width, height, [(Faces[i], at)]);
            list.Add($"file '{still}'\nduration {shown.ToString(CultureInfo.InvariantCulture)}");
            using SKBitmap frame = ImageDecoder.DecodeBitmap(File.ReadAllBytes(still), still);
            PhotoAnalysis photoPath = Analyzer!.Analyze(frame);
            windows.Add((clock, clock + shown, photoPath.Faces[0].Label));
            clock += shown;
        }

        list.Add($"file '{blank}'\nduration {gap.ToString(CultureInfo.InvariantCulture)}\nfile '{blank}'");
        File.WriteAllText(temp["slides.txt"], string.Join('\n', list) + "\n");
        string video = temp["slideshow.mp4"];
        Ffmpeg.Run("-f", "concat", "-safe", "0", "-i", temp["slides.txt"], "-vf", $"fps={Fps},format=yuv420p", "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", video);
        return (video, windows);
    }

    private (string, IReadOnlyList<SKRectI>) MakePan()
    {
        const int width = 1200, height = 540;
        var placed = Faces.Select((f, i) => (f, CollageSlots[i])).ToArray();
        string collage = Still(temp["collage.png"], width, height, placed);
        string video = temp["pan.mp4"];
        double seconds = (PanShift / (double)PanSpeed) + 1;
        Ffmpeg.Run(
            "-loop", "1", "-framerate", Fps.ToString(CultureInfo.InvariantCulture), "-i", collage, "-t", seconds.ToString(CultureInfo.InvariantCulture),
            "-vf", $"crop=960:540:x='min({PanShift},t*{PanSpeed})':y=0,format=yuv420p", "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", video);
        return (video, placed.Select(p => SKRectI.Create(p.Item2.X, p.Item2.Y, Side, Side)).ToArray());
    }

    /// <summary>A grey picture with the given faces pasted at <see cref="Side"/> px, saved as PNG.</summary>
    private static string Still(string path, int width, int height, IReadOnlyList<(SharedFace Face, SKPointI At)> faces)
    {
        using var canvas = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var draw = new SKCanvas(canvas))
        {
            draw.Clear(new SKColor(118, 128, 120));
            foreach (var (face, at) in faces)
            {
                using SKBitmap picture = Picture(face);
                using SKImage image = SKImage.FromBitmap(picture);
                draw.DrawImage(image, SKRect.Create(at.X, at.Y, Side, Side), new SKSamplingOptions(SKCubicResampler.Mitchell));
            }
        }

        using SKData png = canvas.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, png.ToArray());
        return path;
    }
}
