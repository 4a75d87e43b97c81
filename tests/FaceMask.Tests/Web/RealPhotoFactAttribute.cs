using FaceMask.Detection;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Web;

/// <summary>A fact that needs the shared dataset's real photos and the BlazeFace detector in the output; skipped with the reason otherwise.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RealPhotoFactAttribute : FactAttribute
{
    public RealPhotoFactAttribute()
    {
        Skip = MissingReason();
    }

    internal static string? MissingReason()
    {
        if (SharedData.ImagesRoot is null)
        {
            return SharedData.SkipReason;
        }

        string detector = Path.Combine(BlazeFaceModel.DefaultDirectory, BlazeFaceModel.Front.FileName);
        return File.Exists(detector) ? null : $"{detector} is missing (the build fetches it from npm; offline builds skip it)";
    }
}
