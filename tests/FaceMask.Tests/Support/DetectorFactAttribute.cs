using FaceMask.Detection;
using Xunit;

namespace FaceMask.Tests.Support;

/// <summary>A fact skipped, with the reason, when the build could not fetch the BlazeFace models (offline build).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DetectorFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the front or back model file is missing.</summary>
    public DetectorFactAttribute()
    {
        Skip = DetectionFixture.MissingDetectorReason;
    }
}
