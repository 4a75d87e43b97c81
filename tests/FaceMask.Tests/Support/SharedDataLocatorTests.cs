using Xunit;

namespace FaceMask.Tests.Support;

public sealed class SharedDataLocatorTests
{
    [Fact]
    public void FindsSharedBesideOrAboveAnAncestor_AndNothingOtherwise()
    {
        using var temp = new TempDirectory();
        string deep = temp["repo/tests/bin/Debug"];
        Directory.CreateDirectory(deep);
        Assert.Null(SharedData.FindImagesRoot(deep));

        Directory.CreateDirectory(temp["shared/datasets/facemask/images"]);
        Assert.Equal(temp["shared/datasets/facemask/images"], SharedData.FindImagesRoot(deep)); // <ancestor>/../shared

        Directory.CreateDirectory(temp["repo/shared/datasets/facemask/images"]);
        Assert.Equal(temp["repo/shared/datasets/facemask/images"], SharedData.FindImagesRoot(deep)); // <ancestor>/shared
    }
}
