using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Web;

/// <summary>A fact that needs the browser set-up, the shared photos with the detector, and ffmpeg; skipped with the reason otherwise.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LiveCameraFactAttribute : FactAttribute
{
    public LiveCameraFactAttribute()
    {
        Skip = BrowserSetup.MissingReason() ?? RealPhotoFactAttribute.MissingReason() ?? Ffmpeg.MissingReason;
    }
}
