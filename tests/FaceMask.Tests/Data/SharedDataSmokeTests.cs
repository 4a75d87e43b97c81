using FaceMask.Features;
using FaceMask.Tests.Support;
using FaceMask.Data;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Data;

/// <summary>Runs against the real, read-only shared dataset; skipped when it is absent.</summary>
public sealed class SharedDataSmokeTests
{
    private const int PerClass = 3;

    [SharedDataFact]
    public void SharedDataset_IsDiscovered()
    {
        ImageFolder folder = ImageFolder.Discover(SharedData.ImagesRoot!);

        Assert.Equal(["cloth", "ffp2", "n95_valve", "no_mask", "surgical"], folder.Classes);
        Assert.All(folder.CountPerClass(), count => Assert.True(count > 0));
    }

    [SharedDataFact]
    public void AFewImagesPerClass_Load()
    {
        string images = SharedData.ImagesRoot!;
        ImageFolder folder = ImageFolder.Discover(images);
        using var temp = new TempDirectory();

        // A small dataset of symbolic links to the real files: nothing is copied, the shared folder is not written.
        foreach (IGrouping<int, ImageEntry> group in folder.Entries.GroupBy(e => e.Label))
        {
            foreach (ImageEntry entry in group.Take(PerClass))
            {
                string link = temp["small/" + entry.RelativePath];
                Directory.CreateDirectory(Path.GetDirectoryName(link)!);
                File.CreateSymbolicLink(link, Path.Combine(images, entry.RelativePath));
            }
        }

        var options = new DatasetLoadOptions { Size = 32, CacheDirectory = temp["cache"] };
        LoadedDataset data = DatasetLoader.Load(temp["small"], options);

        Assert.Equal(folder.Classes, data.Classes);
        Assert.Equal(folder.Classes.Count * PerClass, data.Count);
        Assert.Empty(data.Skipped);
        Assert.Equal(data.Count * 3 * 32 * 32, data.Pixels.Length);
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<byte> image = data.ImagePixels(i);
            Assert.True(image.ToArray().Distinct().Count() > 16, $"{data.Paths[i]} looks blank");
        }

        Assert.True(DatasetLoader.Load(temp["small"], options).LoadedFromCache);

        string first = Path.Combine(images, folder.Entries[0].RelativePath);
        using SKBitmap bitmap = ImageDecoder.DecodeBitmap(File.ReadAllBytes(first), folder.Entries[0].RelativePath);
        Assert.True(bitmap.Width >= ImageDecoder.MinSide && bitmap.Height >= ImageDecoder.MinSide);
    }
}
