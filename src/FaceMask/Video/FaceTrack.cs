using FaceMask.Detection;
using FaceMask.Inference;

namespace FaceMask.Video;

/// <summary>One tracked face: its Kalman filter, how often and when it was detected, its best face and its classified samples.</summary>
internal sealed class FaceTrack
{
    private readonly List<TrackSample> samples = [];

    public FaceTrack(int id, int frame, DetectedFace face)
    {
        Id = id;
        Filter = new KalmanBoxFilter(face.Box);
        FirstFrame = frame;
        Record(frame, face);
    }

    /// <summary>Track number, from 1 in order of appearance (of every track started, confirmed or not).</summary>
    public int Id { get; }

    public KalmanBoxFilter Filter { get; }

    /// <summary>Detections matched so far.</summary>
    public int Hits { get; private set; }

    /// <summary>Frames since the last matched detection (0 on a frame where it was detected).</summary>
    public int FramesSinceUpdate { get; private set; }

    public int FirstFrame { get; }

    public int LastDetectedFrame { get; private set; }

    public DetectedFace BestFace { get; private set; } = null!;

    /// <summary>The last detection matched to the track.</summary>
    public DetectedFace LastFace { get; private set; } = null!;

    public int BestFaceFrame { get; private set; }

    public double BestQuality { get; private set; } = double.NegativeInfinity;

    public IReadOnlyList<TrackSample> Samples => samples;

    /// <summary>The quality of a detected face for classification: detector score × √(area).</summary>
    public static double QualityOf(DetectedFace face) => face.Score * Math.Sqrt(Math.Max(0, face.Box.Width * face.Box.Height));

    /// <summary>Moves the prediction one frame on.</summary>
    public void Predict()
    {
        Filter.Predict();
        FramesSinceUpdate++;
    }

    /// <summary>Corrects the filter with a matched detection.</summary>
    public void Update(int frame, DetectedFace face)
    {
        Filter.Update(face.Box);
        Record(frame, face);
    }

    /// <summary>
    /// Whether this detection should be classified: the track has no sample yet; or it has fewer than
    /// <paramref name="maxSamples"/>, the last one is at least <paramref name="spacingFrames"/> old and this face is
    /// nearly as good as the best; or it has them all and this face is clearly better than the worst (the person came
    /// closer or turned to the camera).
    /// </summary>
    public bool WantsSample(int frame, DetectedFace face, int maxSamples, int spacingFrames)
    {
        if (samples.Count == 0)
        {
            return true;
        }

        double quality = QualityOf(face);
        if (samples.Count < maxSamples)
        {
            return frame - samples[^1].Frame >= spacingFrames && quality >= 0.8 * samples.Max(s => s.Quality);
        }

        return frame - samples[^1].Frame >= spacingFrames && quality > 1.25 * samples.Min(s => s.Quality);
    }

    /// <summary>Adds a classified face, replacing the worst one when <paramref name="maxSamples"/> are held.</summary>
    public void AddSample(TrackSample sample, int maxSamples)
    {
        if (samples.Count >= maxSamples)
        {
            samples.Remove(samples.MinBy(s => s.Quality)!);
        }

        samples.Add(sample);
    }

    private void Record(int frame, DetectedFace face)
    {
        Hits++;
        FramesSinceUpdate = 0;
        LastFace = face;
        LastDetectedFrame = frame;
        double quality = QualityOf(face);
        if (quality > BestQuality)
        {
            BestQuality = quality;
            BestFace = face;
            BestFaceFrame = frame;
        }
    }

    /// <summary>The box to show now: the filter's estimate.</summary>
    public FaceBox Box => Filter.Box;
}
