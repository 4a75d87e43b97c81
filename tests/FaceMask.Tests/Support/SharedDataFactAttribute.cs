using Xunit;

namespace FaceMask.Tests.Support;

/// <summary>A fact that is skipped, with the reason, when the shared dataset is absent (xunit 2 has no dynamic skip).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SharedDataFactAttribute : FactAttribute
{
    private bool needsDetector;

    /// <summary>Sets <see cref="FactAttribute.Skip"/> when <see cref="SharedData.ImagesRoot"/> is null.</summary>
    public SharedDataFactAttribute()
    {
        if (SharedData.ImagesRoot is null)
        {
            Skip = SharedData.SkipReason;
        }
    }

    /// <summary>Also skip, with the reason, when the build could not fetch the BlazeFace models (an offline build).</summary>
    public bool NeedsDetector
    {
        get => needsDetector;
        set
        {
            needsDetector = value;
            if (value && Skip is null)
            {
                Skip = DetectionFixture.MissingDetectorReason;
            }
        }
    }
}
