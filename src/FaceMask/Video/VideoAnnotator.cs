using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using FaceMask.Detection;
using FaceMask.Inference;
using FFMpegCore;
using FFMpegCore.Pipes;
using SkiaSharp;

namespace FaceMask.Video;

/// <summary>
/// Writes an annotated copy of an analysed video as H.264 MP4: each person's box on every frame it was tracked on,
/// tagged with the person's number and voted label (grey for unsure, colours as <see cref="FaceAnnotator"/>), and a
/// running count of the unique people seen so far per class in the top-left corner. The video is decoded a second
/// time and encoded by ffmpeg (libx264) into a hidden temporary file beside the target, which is renamed into place
/// only when ffmpeg succeeded: no half-written file is ever left.
/// </summary>
public static class VideoAnnotator
{
    /// <summary>Suffix of an annotated copy: <c>&lt;name&gt;.annotated.mp4</c>.</summary>
    public const string Suffix = ".annotated.mp4";

    /// <summary>Where the annotated copy of <paramref name="video"/> goes in <paramref name="directory"/>.</summary>
    public static string TargetFor(string video, string directory) => Path.Combine(directory, Path.GetFileNameWithoutExtension(video) + Suffix);

    /// <summary>Writes the annotated copy of <paramref name="analysis"/>'s video to <paramref name="target"/> (replacing it).</summary>
    /// <param name="analysis">The analysis (its <see cref="VideoAnalysis.Path"/> is decoded again).</param>
    /// <param name="classes">The model's classes (colours).</param>
    /// <param name="target">The MP4 to write.</param>
    /// <param name="options">Where ffmpeg is; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the work; the temporary file is removed.</param>
    /// <returns>Frames written.</returns>
    /// <exception cref="FaceMaskException">ffmpeg failed to decode or encode.</exception>
    public static int Write(VideoAnalysis analysis, IReadOnlyList<string> classes, string target, VideoOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(target);
        options ??= new VideoOptions();
        FFOptions tools = FfmpegTools.Locate(options.FfmpegDirectory, analysis.Path);
        string full = Path.GetFullPath(target);
        string directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        string temp = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            int frames = Encode(analysis, classes, temp, tools, cancellationToken);
            File.Move(temp, full, overwrite: true);
            return frames;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static int Encode(VideoAnalysis analysis, IReadOnlyList<string> classes, string temp, FFOptions tools, CancellationToken cancellationToken)
    {
        var info = new VideoInfo(analysis.Width, analysis.Height, analysis.FramesPerSecond, analysis.DurationSeconds, string.Empty);
        var byId = analysis.Tracks.ToDictionary(t => t.Id);
        var tags = analysis.Tracks.ToDictionary(t => t.Id, t => $"#{t.Id} {FaceAnnotator.Tag(AsFace(t, t.BestFace), wholeImage: false)}");
        var firstFrame = analysis.Boxes.GroupBy(b => b.TrackId).ToDictionary(g => g.Key, g => g.Min(b => b.Frame));
        var boxesByFrame = analysis.Boxes.ToLookup(b => b.Frame);
        int frameLimit = (int)analysis.Frames;
        using var queue = new BlockingCollection<AnnotatedFrame>(boundedCapacity: 4);
        using var encoderFailed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var errors = new List<string>();
        var source = new RawVideoPipeSource(queue.GetConsumingEnumerable()) { FrameRate = analysis.FramesPerSecond };
        int written = 0;

        void OnFrame(SKBitmap frame, int index)
        {
            if (index >= frameLimit)
            {
                return; // a file that grew since the analysis: the copy covers the frames analysed
            }

            var shown = boxesByFrame[index].ToArray();
            using (var canvas = new SKCanvas(frame))
            {
                FaceAnnotator.DrawFaces(canvas, frame.Width, frame.Height, shown.Select(b => AsFace(byId[b.TrackId], b.Box)).ToArray(), false, classes, shown.Select(b => tags[b.TrackId]).ToArray());
                DrawCounts(canvas, frame.Width, frame.Height, index / analysis.FramesPerSecond, analysis.Tracks.Where(t => firstFrame.TryGetValue(t.Id, out int f) && f <= index).ToArray(), classes);
                canvas.Flush();
            }

            var pixels = new byte[frame.Width * frame.Height * 4];
            Marshal.Copy(frame.GetPixels(), pixels, 0, pixels.Length);
            queue.Add(new AnnotatedFrame(frame.Width, frame.Height, pixels), encoderFailed.Token);
            written++;
        }

        Task<bool> encoder = Task.Run(() =>
        {
            try
            {
                return FFMpegArguments
                    .FromPipeInput(source, input => input.WithCustomArgument("-nostdin -loglevel error"))
                    .OutputToFile(temp, overwrite: true, output => output
                        .ForceFormat("mp4")
                        .WithCustomArgument("-c:v libx264 -preset veryfast -crf 23 -pix_fmt yuv420p -vf pad=ceil(iw/2)*2:ceil(ih/2)*2 -movflags +faststart"))
                    .NotifyOnStandardError(line =>
                    {
                        lock (errors)
                        {
                            errors.Add(line);
                        }
                    })
                    .ProcessSynchronously(throwOnError: false, tools)
                    .ExitCode == 0;
            }
            catch (Exception ex) when (ex is FFMpegCore.Exceptions.FFMpegException or IOException or InvalidOperationException)
            {
                lock (errors)
                {
                    errors.Add(ex.Message);
                }

                return false;
            }
            finally
            {
                encoderFailed.Cancel(); // the decoder stops waiting for room in the queue if the encoder is gone
            }
        });

        DecodeOutcome decoded;
        try
        {
            decoded = VideoFrameReader.Read(analysis.Path, info, tools, OnFrame, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            decoded = new DecodeOutcome(written, Complete: false, "the encoder stopped");
        }
        finally
        {
            queue.CompleteAdding();
        }

        bool encoded = encoder.GetAwaiter().GetResult();
        cancellationToken.ThrowIfCancellationRequested();
        if (!encoded || written == 0)
        {
            string why;
            lock (errors)
            {
                why = errors.Count == 0 ? "no frame was written" : string.Join("; ", errors.TakeLast(4));
            }

            throw new FaceMaskException($"{analysis.Path}: the annotated video could not be written ({why})");
        }

        _ = decoded;
        return written;
    }

    private static FaceResult AsFace(VideoTrack track, FaceBox box) => new(box, null, track.Label, track.Probabilities, track.Unsure);

    /// <summary>The running count: time, people so far, and per class (sure answers) plus unsure.</summary>
    private static void DrawCounts(SKCanvas canvas, int width, int height, double seconds, IReadOnlyList<VideoTrack> seen, IReadOnlyList<string> classes)
    {
        var parts = classes.Select(c => (Name: c, Count: seen.Count(t => !t.Unsure && t.Label == c))).Where(p => p.Count > 0)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Count}")).ToList();
        int unsure = seen.Count(t => t.Unsure);
        if (unsure > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"unsure {unsure}"));
        }

        string text = string.Create(CultureInfo.InvariantCulture, $"{TimeSpan.FromSeconds(seconds):mm\\:ss}  people {seen.Count}") + (parts.Count > 0 ? ": " + string.Join(", ", parts) : string.Empty);
        float shorter = Math.Min(width, height);
        using var font = new SKFont(SKTypeface.Default, Math.Max(12f, shorter / 28f));
        using var fill = new SKPaint { Color = new SKColor(0, 0, 0, 170), Style = SKPaintStyle.Fill };
        using var ink = new SKPaint { Color = SKColors.White, IsAntialias = true };
        float textWidth = Math.Min(font.MeasureText(text), width - 8);
        canvas.DrawRect(SKRect.Create(0, height - (font.Size * 1.5f), textWidth + 12, font.Size * 1.5f), fill);
        canvas.DrawText(text, 6, height - (font.Size * 0.4f), SKTextAlign.Left, font, ink);
    }
}
