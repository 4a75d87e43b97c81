namespace FaceMask.Detection;

/// <summary>Settings of <see cref="FaceDetector"/>.</summary>
public sealed record FaceDetectorOptions
{
    /// <summary>
    /// Default lowest face score. BlazeFace scores masked faces lower than bare ones (about 0.75 rather than 0.9+), so this
    /// is below MediaPipe's 0.75 default; measured on the shared data in docs/detection.md.
    /// </summary>
    public const float DefaultThreshold = 0.5f;

    /// <summary>Which BlazeFace model runs (default: <see cref="BlazeFaceModel.Front"/>).</summary>
    public BlazeFaceModel Model { get; init; } = BlazeFaceModel.Front;

    /// <summary>Folder of the ONNX files; null uses <see cref="BlazeFaceModel.DefaultDirectory"/>.</summary>
    public string? Directory { get; init; }

    /// <summary>Lowest face score kept (0–1).</summary>
    public float Threshold { get; init; } = DefaultThreshold;

    /// <summary>Overlap above which detections are merged.</summary>
    public float IouThreshold { get; init; } = WeightedNonMaxSuppression.DefaultIouThreshold;

    /// <summary>Default number of tile levels (see <see cref="DetectionTiles"/>).</summary>
    public const int DefaultTileLevels = 2;

    /// <summary>
    /// Tile levels for small faces in large photos (0: the whole photo only). Each level runs the model on overlapping
    /// tiles of half the previous level's side, as long as they are at least twice the model's input.
    /// </summary>
    public int TileLevels { get; init; } = DefaultTileLevels;

    /// <summary>ONNX Runtime intra-op threads (1: the run happens on the caller's thread; concurrent callers each run on their own).</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Throws a <see cref="FaceMaskException"/> for values out of range.</summary>
    public void Validate()
    {
        if (Threshold is <= 0 or >= 1 || float.IsNaN(Threshold))
        {
            throw new FaceMaskException($"the face score threshold must be between 0 and 1 (exclusive), got {Threshold}");
        }

        if (IouThreshold is <= 0 or >= 1 || float.IsNaN(IouThreshold))
        {
            throw new FaceMaskException($"the overlap (IoU) threshold must be between 0 and 1 (exclusive), got {IouThreshold}");
        }

        if (TileLevels is < 0 or > 4)
        {
            throw new FaceMaskException($"tile levels must be between 0 and 4, got {TileLevels}");
        }

        if (IntraOpThreads is < 1 or > 2)
        {
            throw new FaceMaskException($"the face detector takes 1 or 2 threads, got {IntraOpThreads}");
        }
    }
}
