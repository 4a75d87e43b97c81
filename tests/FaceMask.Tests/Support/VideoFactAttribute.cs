using Xunit;

namespace FaceMask.Tests.Support;

/// <summary>A fact skipped, with the reason, when ffmpeg is missing or (with <see cref="NeedsDetector"/>) the BlazeFace models are.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class VideoFactAttribute : FactAttribute
{
    private bool needsDetector;
    private bool needsSharedData;

    /// <summary>Skips when ffmpeg or ffprobe is not on the PATH.</summary>
    public VideoFactAttribute()
    {
        Skip = Ffmpeg.MissingReason;
    }

    /// <summary>Also skip when the build could not fetch the BlazeFace models.</summary>
    public bool NeedsDetector
    {
        get => needsDetector;
        set
        {
            needsDetector = value;
            Skip ??= value ? DetectionFixture.MissingDetectorReason : null;
        }
    }

    /// <summary>Also skip when the shared dataset is absent.</summary>
    public bool NeedsSharedData
    {
        get => needsSharedData;
        set
        {
            needsSharedData = value;
            Skip ??= value && SharedData.ImagesRoot is null ? SharedData.SkipReason : null;
        }
    }
}
