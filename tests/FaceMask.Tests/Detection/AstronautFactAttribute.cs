using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Detection;

/// <summary>
/// A fact that needs skimage's public-domain astronaut.png (Debian package python3-skimage, extracted by .ci/run) and
/// the face detector; skipped with the reason when either is absent.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AstronautFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the photo or the detector is missing.</summary>
    public AstronautFactAttribute()
    {
        Skip = DetectionFixture.MissingDetectorReason ?? (DetectionFixture.AstronautPath is null
            ? $"astronaut.png not found (set FACEMASK_ASTRONAUT or extract python3-skimage to {DetectionFixture.CiSkimageRoot}; see .ci/run)"
            : null);
    }
}
