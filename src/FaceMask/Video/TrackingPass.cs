using FaceMask.Detection;
using FaceMask.Inference;
using SkiaSharp;

namespace FaceMask.Video;

/// <summary>
/// The per-frame work shared by a video file and a live camera: move the tracks on, look for faces when due, give
/// them to tracks, classify the faces tracks want (<see cref="FaceTrack.WantsSample"/>), record where each shown
/// track's box is.
/// </summary>
internal sealed class TrackingPass
{
    private readonly PhotoAnalyzer photos;
    private readonly VideoOptions options;
    private readonly int spacing;
    private readonly List<TrackedBox> boxes = [];

    /// <param name="photos">Detector, crop and classifier.</param>
    /// <param name="options">Tracker and sample settings.</param>
    /// <param name="framesPerSecond">Frame rate, to turn the options' seconds into frames.</param>
    /// <param name="every">Look for faces on every this many frames.</param>
    public TrackingPass(PhotoAnalyzer photos, VideoOptions options, double framesPerSecond, int every)
    {
        this.photos = photos;
        this.options = options;
        Every = every;
        int maxMissed = Math.Max(every, (int)Math.Round(options.MaxMissedSeconds * framesPerSecond));
        spacing = (int)Math.Round(options.SampleSpacingSeconds * framesPerSecond);
        Tracker = new SortTracker(new TrackerSettings(options.MinIou, options.MinHits, maxMissed));
    }

    public SortTracker Tracker { get; }

    public int Every { get; }

    /// <summary>Each shown track's box per frame, in frame order.</summary>
    public IReadOnlyList<TrackedBox> Boxes => boxes;

    public int Detections { get; private set; }

    public int Classifications { get; private set; }

    /// <summary>Processes frame <paramref name="index"/> (frames must come in order, one call each).</summary>
    public void Step(SKBitmap frame, int index, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Tracker.Predict();
        if (index % Every == 0)
        {
            Detections++;
            IReadOnlyList<TrackMatch> matches = Tracker.Associate(index, photos.DetectFaces(frame));
            var wanted = matches.Where(m => m.Track.WantsSample(index, m.Face, options.SamplesPerTrack, spacing)).ToArray();
            if (wanted.Length > 0)
            {
                IReadOnlyList<ImagePrediction> answers = photos.ClassifyFaces(frame, wanted.Select(m => m.Face.Box).ToArray(), cancellationToken);
                Classifications += wanted.Length;
                for (int i = 0; i < wanted.Length; i++)
                {
                    float[] probabilities = photos.Classes.Select(c => answers[i].Probabilities[c]).ToArray();
                    wanted[i].Track.AddSample(new TrackSample(index, probabilities, wanted[i].Face.Score, FaceTrack.QualityOf(wanted[i].Face)), options.SamplesPerTrack);
                }
            }
        }

        foreach (FaceTrack track in Tracker.Live)
        {
            if (track.FramesSinceUpdate < Every)
            {
                boxes.Add(new TrackedBox(index, track.Id, track.Box));
            }
        }
    }
}
