using System.Diagnostics;
using FaceMask.Detection;
using FaceMask.Inference;
using FFMpegCore;
using SkiaSharp;

namespace FaceMask.Video;

/// <summary>
/// Finds, follows and labels every person in a video: frames are decoded by ffmpeg (<see cref="VideoProbe"/> first
/// refuses what cannot be read), faces are looked for every <see cref="VideoOptions.DetectEvery"/> frames with the
/// photo path's detector (tiles for small faces), followed from frame to frame by a SORT tracker (constant-velocity
/// Kalman filter, Hungarian assignment on box overlap), and each track is classified on a few of its best faces only
/// — when it starts and when a clearly better face comes along — and labelled by a probability-weighted vote with the
/// photo path's unsure rule. One person gives one track and one label.
/// </summary>
/// <remarks>
/// <see cref="Analyze"/> may be called from several threads (each call has its own tracker); the model work of all
/// calls is serialised frame by frame by the photo analyzer's lock.
/// </remarks>
public sealed class VideoAnalyzer : IVideoAnalyzer, IDisposable
{
    private readonly PhotoAnalyzer photos;
    private readonly bool ownsPhotos;

    /// <summary>Uses <paramref name="photos"/>' detector, crop margin, classifier and calibration (not disposed with this).</summary>
    /// <exception cref="FaceMaskException">A setting is out of range.</exception>
    public VideoAnalyzer(PhotoAnalyzer photos, VideoOptions? options = null)
        : this(photos, options, ownsPhotos: false)
    {
    }

    private VideoAnalyzer(PhotoAnalyzer photos, VideoOptions? options, bool ownsPhotos)
    {
        ArgumentNullException.ThrowIfNull(photos);
        Options = options ?? new VideoOptions();
        Options.Validate();
        this.photos = photos;
        this.ownsPhotos = ownsPhotos;
    }

    /// <summary>The settings in use.</summary>
    public VideoOptions Options { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> Classes => photos.Classes;

    /// <inheritdoc/>
    public string ModelId => photos.ModelId;

    /// <summary>The calibration and unsure threshold every track's vote is judged by.</summary>
    public CalibrationInEffect Calibration => photos.Calibration;

    /// <summary>Loads a model (null: the default) and the detector and wraps them.</summary>
    /// <exception cref="FaceMaskException">The model or the detector is missing, or a setting is out of range.</exception>
    public static VideoAnalyzer Open(string? modelDirectory, PhotoAnalyzerOptions? photoOptions = null, VideoOptions? options = null)
    {
        PhotoAnalyzer opened = PhotoAnalyzer.Open(modelDirectory, photoOptions);
        try
        {
            return new VideoAnalyzer(opened, options, ownsPhotos: true);
        }
        catch
        {
            opened.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public VideoAnalysis Analyze(string path, IProgress<VideoProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        VideoInfo info = VideoProbe.Probe(path, Options);
        FFOptions tools = FfmpegTools.Locate(Options.FfmpegDirectory, path);
        var pass = new TrackingPass(photos, Options, info.FramesPerSecond, Options.DetectionInterval(info.FramesPerSecond));
        var clock = Stopwatch.StartNew();
        TimeSpan lastReport = TimeSpan.Zero;

        void OnFrame(SKBitmap frame, int index)
        {
            pass.Step(frame, index, cancellationToken);
            if (progress is not null && clock.Elapsed - lastReport >= TimeSpan.FromSeconds(0.5))
            {
                lastReport = clock.Elapsed;
                progress.Report(new VideoProgress(path, index + 1, info.ExpectedFrames, clock.Elapsed));
            }
        }

        DecodeOutcome outcome = VideoFrameReader.Read(path, info, tools, OnFrame, cancellationToken);
        clock.Stop();
        progress?.Report(new VideoProgress(path, outcome.Frames, info.ExpectedFrames, clock.Elapsed));
        return VideoResults.Build(
            new VideoRun(path, ModelId, info, pass.Every, outcome, pass.Tracker, pass.Boxes, clock.Elapsed, pass.Detections, pass.Classifications),
            Classes,
            Calibration);
    }

    /// <inheritdoc/>
    public ILiveVideoSession StartLive(double framesPerSecond = LiveVideoSession.DefaultFramesPerSecond) => new LiveVideoSession(photos, Options, framesPerSecond);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (ownsPhotos)
        {
            photos.Dispose();
        }
    }
}
