using FaceMask.Tests.Support;

namespace FaceMask.Tests.Web;

/// <summary>Shared-dataset photos in which BlazeFace finds one face each (checked by hand with <c>facemask detect</c>), one per class.</summary>
internal static class RealPhotos
{
    public static readonly string[] OneFaceEach =
    [
        "cloth/rman_29.jpg",
        "ffp2/rman_0200.jpg",
        "no_mask/msur_175.jpg",
        "surgical/msur_surgical1.jpg",
    ];

    /// <summary>Full paths of <see cref="OneFaceEach"/> (the shared dataset must be present).</summary>
    public static string[] Paths() => [.. OneFaceEach.Select(p => Path.Combine(SharedData.ImagesRoot!, p))];
}
