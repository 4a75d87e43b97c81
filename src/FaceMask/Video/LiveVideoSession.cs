using FaceMask.Detection;
using FaceMask.Inference;
using SkiaSharp;

namespace FaceMask.Video;

/// <summary>
/// The server side of a live camera: the same SORT tracker, sample policy and vote as a video file
/// (<see cref="VideoAnalyzer"/>), fed one frame at a time as the camera's frames arrive, each searched for faces.
/// Frames of one session are processed one at a time, in order of arrival.
/// </summary>
public sealed class LiveVideoSession : ILiveVideoSession
{
    /// <summary>Frames a second a browser is assumed to send (a round trip per frame on a small server).</summary>
    public const double DefaultFramesPerSecond = 4;

    private readonly Lock gate = new();
    private readonly PhotoAnalyzer photos;
    private readonly TrackingPass pass;
    private readonly Dictionary<int, int> numbers = [];

    internal LiveVideoSession(PhotoAnalyzer photos, VideoOptions options, double framesPerSecond)
    {
        if (!(framesPerSecond > 0 && framesPerSecond <= 120))
        {
            throw new FaceMaskException($"a live session takes 0 to 120 frames a second, got {framesPerSecond}");
        }

        this.photos = photos;
        pass = new TrackingPass(photos, options, framesPerSecond, every: 1);
    }

    /// <inheritdoc/>
    public int Frames { get; private set; }

    /// <inheritdoc/>
    public LiveFrame Step(SKBitmap frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        lock (gate)
        {
            int index = Frames;
            pass.Step(frame, index, cancellationToken);
            Frames++;
            foreach (FaceTrack track in pass.Tracker.All.Where(pass.Tracker.IsConfirmed).Where(t => t.Samples.Count > 0).OrderBy(t => t.FirstFrame).ThenBy(t => t.Id))
            {
                numbers.TryAdd(track.Id, numbers.Count + 1);
            }

            CalibrationInEffect calibration = photos.Calibration;
            var faces = new List<LiveFace>();
            foreach (FaceTrack track in pass.Tracker.Live.Where(t => t.FramesSinceUpdate == 0 && t.Samples.Count > 0))
            {
                var (label, probabilities, unsure) = TrackVote.Vote(track.Samples, photos.Classes, calibration);
                faces.Add(new LiveFace(numbers.GetValueOrDefault(track.Id), track.LastFace.Box, label, probabilities, unsure));
            }

            var counted = numbers.Keys.Select(id => pass.Tracker.All[id - 1]).Select(t => TrackVote.Vote(t.Samples, photos.Classes, calibration)).ToArray();
            var counts = photos.Classes.ToDictionary(c => c, c => counted.Count(v => !v.Unsure && v.Label == c));
            return new LiveFrame(frame.Width, frame.Height, Frames, faces, counted.Length, counts, counted.Count(v => v.Unsure));
        }
    }
}
