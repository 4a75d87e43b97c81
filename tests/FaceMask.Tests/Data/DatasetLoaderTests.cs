using FaceMask.Features;
using FaceMask.Tests.Support;
using FaceMask.Data;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Data;

public sealed class DatasetLoaderTests
{
    private static readonly SKColor[] Colors =
    [
        new(250, 10, 10), new(10, 250, 10), new(10, 10, 250), new(120, 130, 140), new(60, 70, 80),
    ];

    /// <summary>cloth: 3 solid PNGs, surgical: 2 solid JPEG/PNG; returns the dataset root.</summary>
    private static string MakeDataset(TempDirectory temp)
    {
        temp.Write("ds/cloth/a.png", TestImages.Png(20, 16, Colors[0]));
        temp.Write("ds/cloth/b.png", TestImages.Png(16, 20, Colors[1]));
        temp.Write("ds/cloth/c.png", TestImages.Png(24, 24, Colors[2]));
        temp.Write("ds/surgical/d.png", TestImages.Png(30, 12, Colors[3]));
        temp.Write("ds/surgical/e.png", TestImages.Png(12, 12, Colors[4]));
        return temp["ds"];
    }

    private static DatasetLoadOptions Options(TempDirectory temp, int size = 8) =>
        new() { Size = size, CacheDirectory = temp["cache"] };

    [Fact]
    public void Load_DecodesEveryImage_WithLabelsInPathOrder()
    {
        using var temp = new TempDirectory();
        string root = MakeDataset(temp);

        LoadedDataset data = DatasetLoader.Load(root, new DatasetLoadOptions { Size = 8, UseCache = false });

        Assert.Equal(root, data.Root);
        Assert.Equal(["cloth", "surgical"], data.Classes);
        Assert.Equal(["cloth/a.png", "cloth/b.png", "cloth/c.png", "surgical/d.png", "surgical/e.png"], data.Paths);
        Assert.Equal([0, 0, 0, 1, 1], data.Labels);
        Assert.Equal(5, data.Count);
        Assert.Equal(8, data.Size);
        Assert.Equal(ResizeMode.Stretch, data.Resize);
        Assert.Equal(5 * 3 * 8 * 8, data.Pixels.Length);
        for (int i = 0; i < 5; i++)
        {
            ReadOnlySpan<byte> image = data.ImagePixels(i);
            Assert.Equal((Colors[i].Red, Colors[i].Green, Colors[i].Blue), TestImages.At(image, 8, 3, 5));
        }

        Assert.Empty(data.Skipped);
        Assert.Null(data.CachePath);
        Assert.False(data.LoadedFromCache);
        Assert.Matches("^[0-9a-f]{64}$", data.Fingerprint);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path, "*.fmcache", SearchOption.AllDirectories));
    }

    [Fact]
    public void BadFiles_AreSkippedWithReasons_UnlessStrict()
    {
        using var temp = new TempDirectory();
        string root = MakeDataset(temp);
        temp.Write("ds/cloth/broken.jpg", TestImages.TruncatedJpeg());
        temp.Write("ds/cloth/empty.jpg", []);
        temp.Write("ds/surgical/note.jpg", "hello"u8.ToArray());

        LoadedDataset data = DatasetLoader.Load(root, Options(temp));

        Assert.Equal(5, data.Count);
        Assert.Equal(
            ["cloth/broken.jpg: truncated image (JPEG data ends early)", "cloth/empty.jpg: empty file (0 bytes)", "surgical/note.jpg: not an image (it contains text)"],
            data.Skipped.Select(s => s.ToString()));
        Assert.Equal([ImageProblem.Truncated, ImageProblem.Empty, ImageProblem.NotAnImage], data.Skipped.Select(s => s.Problem!.Value));

        // The bad files are remembered in the cache: the next load decodes nothing.
        LoadedDataset again = DatasetLoader.Load(root, Options(temp));
        Assert.True(again.LoadedFromCache);
        Assert.Equal(data.Skipped, again.Skipped);

        // Strict mode throws for the first bad file in path order, whether found by discovery or by decoding.
        var strict = Assert.Throws<ImageDecodeException>(() => DatasetLoader.Load(root, Options(temp) with { Strict = true }));
        Assert.Equal(ImageProblem.Truncated, strict.Problem);
        Assert.Equal("cloth/broken.jpg: truncated image (JPEG data ends early)", strict.Message);

        File.Delete(temp["ds/cloth/broken.jpg"]);
        var strictEmpty = Assert.Throws<ImageDecodeException>(() => DatasetLoader.Load(root, new DatasetLoadOptions { Size = 8, UseCache = false, Strict = true }));
        Assert.Equal(ImageProblem.Empty, strictEmpty.Problem);
        Assert.Equal("cloth/empty.jpg: empty file (0 bytes)", strictEmpty.Message);

        File.Delete(temp["ds/cloth/empty.jpg"]);
        strict = Assert.Throws<ImageDecodeException>(() => DatasetLoader.Load(root, Options(temp) with { Strict = true }));
        Assert.Equal("surgical/note.jpg", strict.Path);
        Assert.Equal(ImageProblem.NotAnImage, strict.Problem);
    }

    [Fact]
    public void ClassWithoutUsableImages_Throws_NamingTheClassFolder()
    {
        using var temp = new TempDirectory();
        string root = MakeDataset(temp);
        temp.Write("ds/n95/a.jpg", TestImages.TruncatedJpeg());
        temp.Write("ds/n95/b.png", TestImages.Png(4, 4, SKColors.Red));

        var ex = Assert.Throws<FaceMaskException>(() => DatasetLoader.Load(root, Options(temp)));

        Assert.StartsWith($"{Path.Combine(root, "n95")}: class folder 'n95' has no usable images", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WarmLoad_EqualsColdLoad_ByteForByte()
    {
        using var temp = new TempDirectory();
        string root = MakeDataset(temp);
        var reports = new List<LoadProgress>();
        var progress = new SyncProgress(reports);

        LoadedDataset cold = DatasetLoader.Load(root, Options(temp), progress);
        Assert.False(cold.LoadedFromCache);
        Assert.NotNull(cold.CachePath);
        Assert.True(File.Exists(cold.CachePath));
        Assert.StartsWith(temp["cache"], cold.CachePath, StringComparison.Ordinal);
        Assert.Equal(new LoadProgress(5, 5, false), reports[^1]);
        DateTime written = File.GetLastWriteTimeUtc(cold.CachePath);

        reports.Clear();
        LoadedDataset warm = DatasetLoader.Load(root, Options(temp), progress);

        Assert.True(warm.LoadedFromCache);
        Assert.Equal(cold.Pixels, warm.Pixels);
        Assert.Equal(cold.Labels, warm.Labels);
        Assert.Equal(cold.Paths, warm.Paths);
        Assert.Equal(cold.Classes, warm.Classes);
        Assert.Equal(cold.Fingerprint, warm.Fingerprint);
        Assert.Equal(cold.CachePath, warm.CachePath);
        Assert.Equal([new LoadProgress(5, 5, true)], reports);
        Assert.Equal(written, File.GetLastWriteTimeUtc(cold.CachePath)); // unchanged data: not rewritten
    }

    [Fact]
    public void ModifiedAddedAndRemovedFiles_ArePickedUp()
    {
        using var temp = new TempDirectory();
        string root = MakeDataset(temp);
        LoadedDataset first = DatasetLoader.Load(root, Options(temp));

        var newColor = new SKColor(1, 2, 3);
        temp.Write("ds/cloth/b.png", TestImages.Png(16, 20, newColor));
        File.SetLastWriteTimeUtc(temp["ds/cloth/b.png"], DateTime.UtcNow.AddMinutes(1));
        temp.Write("ds/surgical/f.png", TestImages.Png(10, 10, SKColors.White));
        File.Delete(temp["ds/cloth/a.png"]);

        LoadedDataset second = DatasetLoader.Load(root, Options(temp));

        Assert.False(second.LoadedFromCache);
        Assert.Equal(["cloth/b.png", "cloth/c.png", "surgical/d.png", "surgical/e.png", "surgical/f.png"], second.Paths);
        Assert.Equal((newColor.Red, newColor.Green, newColor.Blue), TestImages.At(second.ImagePixels(0), 8, 4, 4));
        Assert.Equal(first.ImagePixels(2).ToArray(), second.ImagePixels(1).ToArray());
        Assert.Equal((255, 255, 255), TestImages.At(second.ImagePixels(4), 8, 4, 4));
        Assert.NotEqual(first.Fingerprint, second.Fingerprint);

        LoadedDataset third = DatasetLoader.Load(root, Options(temp));
        Assert.True(third.LoadedFromCache);
        Assert.Equal(second.Pixels, third.Pixels);
        Assert.Equal(second.Fingerprint, third.Fingerprint);
    }

    [Fact]
    public void TouchedFiles_WithTheSameBytes_StayCached_AndTheCacheTakesTheNewTimes()
    {
        using var temp = new TempDirectory();
        string root = MakeDataset(temp);
        LoadedDataset cold = DatasetLoader.Load(root, Options(temp));
        foreach (string file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(1)); // a re-extracted or copied dataset
        }

        LoadedDataset touched = DatasetLoader.Load(root, Options(temp));
        DateTime rewritten = File.GetLastWriteTimeUtc(touched.CachePath!);
        LoadedDataset again = DatasetLoader.Load(root, Options(temp));

        Assert.True(touched.LoadedFromCache);
        Assert.Equal(cold.Pixels, touched.Pixels);
        Assert.Equal(cold.Fingerprint, touched.Fingerprint);
        Assert.True(again.LoadedFromCache);
        Assert.Equal(rewritten, File.GetLastWriteTimeUtc(again.CachePath!)); // times matched: no second rewrite
    }

    [Fact]
    public void TouchedFile_WithOtherBytesOfTheSameLength_IsDecodedAgain()
    {
        using var temp = new TempDirectory();
        string root = MakeDataset(temp);
        DatasetLoader.Load(root, Options(temp));
        var newColor = new SKColor(9, 8, 7);
        byte[] replacement = TestImages.Png(16, 20, newColor);
        Assert.Equal(new FileInfo(temp["ds/cloth/b.png"]).Length, replacement.Length); // precondition of this test
        temp.Write("ds/cloth/b.png", replacement);
        File.SetLastWriteTimeUtc(temp["ds/cloth/b.png"], DateTime.UtcNow.AddHours(1));

        LoadedDataset second = DatasetLoader.Load(root, Options(temp));

        Assert.False(second.LoadedFromCache);
        Assert.Equal((newColor.Red, newColor.Green, newColor.Blue), TestImages.At(second.ImagePixels(1), 8, 4, 4));
    }

    [Fact]
    public void Fingerprint_ChangesWithContentNameOrClass_NotWithSize()
    {
        using var temp = new TempDirectory();
        string root = MakeDataset(temp);
        var noCache = new DatasetLoadOptions { Size = 8, UseCache = false };
        string original = DatasetLoader.Load(root, noCache).Fingerprint;
        Assert.Equal(original, DatasetLoader.Load(root, noCache with { Size = 12, Resize = ResizeMode.CenterCrop }).Fingerprint);

        File.Move(temp["ds/cloth/c.png"], temp["ds/cloth/z.png"]);
        string renamed = DatasetLoader.Load(root, noCache).Fingerprint;
        Assert.NotEqual(original, renamed);

        File.Move(temp["ds/cloth/z.png"], temp["ds/surgical/z.png"]);
        string moved = DatasetLoader.Load(root, noCache).Fingerprint;
        Assert.NotEqual(renamed, moved);

        File.Move(temp["ds/surgical/z.png"], temp["ds/cloth/c.png"]);
        Assert.Equal(original, DatasetLoader.Load(root, noCache).Fingerprint);

        temp.Write("ds/cloth/c.png", TestImages.Png(24, 24, SKColors.Black));
        Assert.NotEqual(original, DatasetLoader.Load(root, noCache).Fingerprint);
    }

    [Fact]
    public void OtherSizeOrMode_GetsItsOwnCacheFile()
    {
        using var temp = new TempDirectory();
        string root = MakeDataset(temp);

        LoadedDataset small = DatasetLoader.Load(root, Options(temp, size: 8));
        LoadedDataset large = DatasetLoader.Load(root, Options(temp, size: 16));
        LoadedDataset cropped = DatasetLoader.Load(root, Options(temp, size: 8) with { Resize = ResizeMode.CenterCrop });

        Assert.Equal(3, new[] { small.CachePath, large.CachePath, cropped.CachePath }.Distinct().Count());
        Assert.Equal(3, Directory.GetFiles(temp["cache"], "*.fmcache").Length);
        Assert.False(large.LoadedFromCache);
        Assert.False(cropped.LoadedFromCache);
        Assert.Equal(5 * 3 * 16 * 16, large.Pixels.Length);
        Assert.True(DatasetLoader.Load(root, Options(temp, size: 8)).LoadedFromCache);
        Assert.True(DatasetLoader.Load(root, Options(temp, size: 16)).LoadedFromCache);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncate")]
    [InlineData("flip-index-byte")]
    [InlineData("empty")]
    public void CorruptCache_IsIgnoredAndRebuilt(string damage)
    {
        using var temp = new TempDirectory();
        string root = MakeDataset(temp);
        LoadedDataset cold = DatasetLoader.Load(root, Options(temp));
        string cache = cold.CachePath!;
        byte[] bytes = File.ReadAllBytes(cache);
        switch (damage)
        {
            case "garbage":
                new Random(1).NextBytes(bytes);
                break;
            case "truncate":
                bytes = bytes[..(bytes.Length - 10)];
                break;
            case "flip-index-byte":
                bytes[80] ^= 0x55;
                break;
            default:
                bytes = [];
                break;
        }

        File.WriteAllBytes(cache, bytes);

        LoadedDataset rebuilt = DatasetLoader.Load(root, Options(temp));
        Assert.False(rebuilt.LoadedFromCache);
        Assert.Equal(cold.Pixels, rebuilt.Pixels);
        Assert.Equal(cold.Fingerprint, rebuilt.Fingerprint);

        LoadedDataset warm = DatasetLoader.Load(root, Options(temp));
        Assert.True(warm.LoadedFromCache);
        Assert.Equal(cold.Pixels, warm.Pixels);
    }

    [Fact]
    public void DefaultCacheFolder_IsBesideTheDatasetRoot()
    {
        using var temp = new TempDirectory();
        string root = MakeDataset(temp);

        LoadedDataset data = DatasetLoader.Load(root, new DatasetLoadOptions { Size = 8 });

        Assert.Equal(temp[".facemask-cache"], Path.GetDirectoryName(data.CachePath));
        Assert.True(File.Exists(data.CachePath));
        Assert.True(DatasetLoader.Load(root, new DatasetLoadOptions { Size = 8 }).LoadedFromCache);
    }

    [Fact]
    public void ReadOnlyParent_FallsBackToTheUserCacheFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var temp = new TempDirectory();
        string root = MakeDataset(temp);
        string user = temp["user-cache/facemask"];
        Assert.Equal(temp[".facemask-cache"], CacheLocation.ResolveDirectory(root, null, user));

        Directory.Delete(temp[".facemask-cache"]);
        File.SetUnixFileMode(temp.Path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        string? chosen = CacheLocation.ResolveDirectory(root, null, user);
        File.SetUnixFileMode(temp.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        Assert.Equal(user, chosen);
        Assert.False(Directory.Exists(temp[".facemask-cache"]));
    }

    [Fact]
    public void CacheFolderInsideTheDataset_IsRefused()
    {
        using var temp = new TempDirectory();
        string root = MakeDataset(temp);
        var ex = Assert.Throws<FaceMaskException>(() => DatasetLoader.Load(root, new DatasetLoadOptions { CacheDirectory = Path.Combine(root, "cloth") }));
        Assert.Contains("must not be inside the dataset folder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidSize_IsAUserError()
    {
        using var temp = new TempDirectory();
        string root = MakeDataset(temp);
        var ex = Assert.Throws<FaceMaskException>(() => DatasetLoader.Load(root, new DatasetLoadOptions { Size = 0 }));
        Assert.Equal("image size must be between 1 and 4096 pixels, got 0", ex.Message);
    }

    [Fact]
    public void Cancellation_Stops()
    {
        using var temp = new TempDirectory();
        string root = MakeDataset(temp);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => DatasetLoader.Load(root, Options(temp), null, cts.Token));
    }

    /// <summary>Records reports synchronously (Progress&lt;T&gt; posts them to the thread pool).</summary>
    private sealed class SyncProgress(List<LoadProgress> reports) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
