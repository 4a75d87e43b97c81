using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Reporting.Html;

/// <summary>A fact that needs Debian's headless Chromium at /usr/bin/chromium; skipped, with the reason, when it is absent.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(HeadlessChromium.Executable))
        {
            Skip = $"{HeadlessChromium.Executable} is absent (apt-get install chromium; .ci/run installs it)";
        }
    }
}
