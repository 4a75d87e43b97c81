using FaceMask.Tests.Support;
using FaceMask.Data;
using Xunit;

namespace FaceMask.Tests.Data;

public sealed class ImageFolderTests
{
    private static readonly byte[] Content = [1, 2, 3];

    [Fact]
    public void Discover_SortsClassesOrdinally_AndKeepsOnlyImageExtensions()
    {
        using var temp = new TempDirectory();
        foreach (string file in new[]
        {
            "b/x.jpg", "a/6.GIF", "a/1.JPG", "a/2.jpeg", "a/3.PNG", "a/4.bmp", "a/5.webp", "a/sub/7.jpg",
            "a/readme.txt", "a/notes.jpg.bak", "a/.hidden.jpg", "a/.thumbs/8.jpg", "A/y.png", "_x/z.jpg", ".git/q.jpg", "top.jpg",
        })
        {
            temp.Write(file, Content);
        }

        ImageFolder folder = ImageFolder.Discover(temp.Path);

        Assert.Equal(temp.Path, folder.Root);
        Assert.Equal(["A", "_x", "a", "b"], folder.Classes);
        Assert.Equal(
            ["A/y.png", "_x/z.jpg", "a/1.JPG", "a/2.jpeg", "a/3.PNG", "a/4.bmp", "a/5.webp", "a/6.GIF", "a/sub/7.jpg", "b/x.jpg"],
            folder.Entries.Select(e => e.RelativePath));
        Assert.Equal([0, 1, 2, 2, 2, 2, 2, 2, 2, 3], folder.Entries.Select(e => e.Label));
        Assert.All(folder.Entries, e => Assert.Equal(3, e.Length));
        Assert.All(folder.Entries, e => Assert.Equal(DateTimeKind.Utc, e.LastWriteUtc.Kind));
        Assert.Equal([1, 1, 7, 1], folder.CountPerClass());
        Assert.Empty(folder.Skipped);
    }

    [Fact]
    public void ZeroByteFiles_AreSkipped_WithTheReason()
    {
        using var temp = new TempDirectory();
        temp.Write("a/good.jpg", Content);
        temp.Write("a/empty.jpg", []);

        ImageFolder folder = ImageFolder.Discover(temp.Path);

        Assert.Equal(["a/good.jpg"], folder.Entries.Select(e => e.RelativePath));
        SkippedFile skipped = Assert.Single(folder.Skipped);
        Assert.Equal("a/empty.jpg", skipped.Path);
        Assert.Equal("empty file (0 bytes)", skipped.Reason);
        Assert.Equal(ImageProblem.Empty, skipped.Problem);
    }

    [Fact]
    public void BrokenSymlink_IsSkipped()
    {
        using var temp = new TempDirectory();
        temp.Write("a/good.jpg", Content);
        File.CreateSymbolicLink(temp["a/dangling.jpg"], temp["a/nowhere.jpg"]);

        ImageFolder folder = ImageFolder.Discover(temp.Path);

        Assert.Equal("a/dangling.jpg: broken symbolic link", Assert.Single(folder.Skipped).ToString());
    }

    [Fact]
    public void Symlink_ReportsTheTargetsSize()
    {
        using var temp = new TempDirectory();
        string target = temp.Write("elsewhere/real.jpg", new byte[1234]);
        Directory.CreateDirectory(temp["data/a"]);
        File.CreateSymbolicLink(temp["data/a/link.jpg"], target);

        ImageEntry entry = Assert.Single(ImageFolder.Discover(temp["data"]).Entries);

        Assert.Equal(1234, entry.Length);
    }

    [Fact]
    public void MissingFolder_Throws()
    {
        using var temp = new TempDirectory();
        string missing = temp["nope"];
        var ex = Assert.Throws<FaceMaskException>(() => ImageFolder.Discover(missing));
        Assert.Equal($"{missing}: dataset folder does not exist", ex.Message);
    }

    [Fact]
    public void FolderWithoutClassFolders_Throws()
    {
        using var temp = new TempDirectory();
        temp.Write("loose.jpg", Content);
        temp.Write(".cache/x.jpg", Content);
        var ex = Assert.Throws<FaceMaskException>(() => ImageFolder.Discover(temp.Path));
        Assert.Equal($"{temp.Path} has no class sub-folders; expected {temp.Path}/<class>/<image>", ex.Message);
    }

    [Fact]
    public void EmptyClassFolder_Throws_NamingTheFolder()
    {
        using var temp = new TempDirectory();
        temp.Write("a/x.jpg", Content);
        temp.Write("b/readme.txt", Content);
        var ex = Assert.Throws<FaceMaskException>(() => ImageFolder.Discover(temp.Path));
        Assert.StartsWith($"{temp["b"]}: class folder 'b' holds no images", ex.Message, StringComparison.Ordinal);
    }
}
