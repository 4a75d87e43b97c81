using Xunit;

namespace FaceMask.Tests.Web;

/// <summary>A fact that needs /usr/bin/chromium, node and tests/browser/node_modules (npm ci); skipped with the reason otherwise.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (BrowserSetup.MissingReason() is { } reason)
        {
            Skip = reason;
        }
    }
}
