using FaceMask.Data;
using FaceMask.Features;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Tests.Support;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Data;

/// <summary>
/// The loader's optional per-image step (<see cref="IImagePreparer"/>), with a stand-in step that needs no detector:
/// what it returns is what gets resized, images it leaves alone are counted as used whole, and its pixels are cached
/// apart from the whole images'.
/// </summary>
public sealed class ImagePreparationTests
{
    /// <summary>Two classes of four generated 24 px PNGs; the step leaves img000 and (in class1) img003 whole.</summary>
    private static string MakeDataset(TempDirectory temp) => SyntheticDataset.Create(temp["ds"], classes: 2, perClass: 4, side: 24, seed: 7);

    private static bool LeftWhole(string relativePath) =>
        relativePath.EndsWith("img000.png", StringComparison.Ordinal) || relativePath == "class1/img003.png";

    private static DatasetLoadOptions Options(TempDirectory temp, IImagePreparer? preparer) =>
        new() { Size = 8, CacheDirectory = temp["cache"], Preparer = preparer };

    [Fact]
    public void TheStepsImagesAreResized_ImagesItLeavesAreCountedWhole()
    {
        using var temp = new TempDirectory();
        string root = MakeDataset(temp);
        var step = new TopLeftQuarter();

        LoadedDataset data = DatasetLoader.Load(root, new DatasetLoadOptions { Size = 8, UseCache = false, Preparer = step });

        Assert.Equal(8, step.Calls);
        ImagePreparation preparation = Assert.IsType<ImagePreparation>(data.Preparation);
        Assert.Equal(step.Id, preparation.Step);
        Assert.Equal(3, preparation.Whole);
        Assert.Equal(5, preparation.Prepared);
        Assert.Equal([1, 2], preparation.WholePerClass);
        Assert.Equal([3, 2], preparation.PreparedPerClass);
        Assert.Equal(data.Paths.Select(LeftWhole).ToArray(), preparation.UsedWhole);
        Assert.Null(data.FaceCrop); // the stand-in does not crop faces

        for (int i = 0; i < data.Count; i++)
        {
            using SKBitmap photo = ImageDecoder.DecodeBitmap(File.ReadAllBytes(Path.Combine(root, data.Paths[i])), data.Paths[i]);
            using SKBitmap? prepared = LeftWhole(data.Paths[i]) ? null : TopLeftQuarter.Cut(photo);
            var expected = new byte[3 * 8 * 8];
            ImageDecoder.ResizeInto(prepared ?? photo, 8, ResizeMode.Stretch, expected);
            Assert.Equal(expected, data.ImagePixels(i).ToArray());
        }

        LoadedDataset whole = DatasetLoader.Load(root, new DatasetLoadOptions { Size = 8, UseCache = false });
        Assert.Null(whole.Preparation);
        Assert.NotEqual(whole.ImagePixels(1).ToArray(), data.ImagePixels(1).ToArray()); // class0/img001 was cut
        Assert.Equal(whole.Fingerprint, data.Fingerprint); // the files are the same
    }

    [Fact]
    public void PreparedPixels_HaveTheirOwnCache_WhichRemembersTheWholeImages()
    {
        using var temp = new TempDirectory();
        string root = MakeDataset(temp);
        LoadedDataset reference = DatasetLoader.Load(root, new DatasetLoadOptions { Size = 8, UseCache = false });

        LoadedDataset whole = DatasetLoader.Load(root, Options(temp, null));
        var step = new TopLeftQuarter();
        LoadedDataset cold = DatasetLoader.Load(root, Options(temp, step));
        var warmStep = new TopLeftQuarter();
        LoadedDataset warm = DatasetLoader.Load(root, Options(temp, warmStep));
        LoadedDataset wholeAgain = DatasetLoader.Load(root, Options(temp, null));

        Assert.NotNull(whole.CachePath);
        Assert.NotNull(cold.CachePath);
        Assert.NotEqual(whole.CachePath, cold.CachePath);
        Assert.Contains(step.Id, Path.GetFileName(cold.CachePath), StringComparison.Ordinal);
        Assert.DoesNotContain(step.Id, Path.GetFileName(whole.CachePath), StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(temp["cache"], "*.fmcache").Length);

        Assert.False(cold.LoadedFromCache);
        Assert.True(warm.LoadedFromCache);
        Assert.Equal(0, warmStep.Calls);
        Assert.Equal(cold.Pixels, warm.Pixels);
        Assert.Equal(cold.Preparation!.UsedWhole, warm.Preparation!.UsedWhole); // which images had no face comes from the cache
        Assert.Equal(3, warm.Preparation.Whole);

        // the whole images' cache was neither overwritten nor mixed with prepared pixels
        Assert.True(wholeAgain.LoadedFromCache);
        Assert.Null(wholeAgain.Preparation);
        Assert.Equal(reference.Pixels, wholeAgain.Pixels);
        Assert.NotEqual(reference.Pixels, warm.Pixels);
    }

    [Fact]
    public void AnotherStepsCacheFile_IsNotMatched_EvenWhenRenamed()
    {
        using var temp = new TempDirectory();
        string root = MakeDataset(temp);
        LoadedDataset first = DatasetLoader.Load(root, Options(temp, new TopLeftQuarter()));
        var other = new TopLeftQuarter("quarter-v2");
        string otherPath = new PixelLoadStep(8, ResizeMode.Stretch, null).CachePath(root, temp["cache"], other.Id)!;
        File.Copy(first.CachePath!, otherPath);
        string wholePath = new PixelLoadStep(8, ResizeMode.Stretch, null).CachePath(root, temp["cache"], null)!;
        File.Copy(first.CachePath!, wholePath);

        LoadedDataset second = DatasetLoader.Load(root, Options(temp, other));
        LoadedDataset whole = DatasetLoader.Load(root, Options(temp, null));

        Assert.Equal(otherPath, second.CachePath);
        Assert.False(second.LoadedFromCache); // the header names the other step
        Assert.Equal(8, other.Calls);
        Assert.False(whole.LoadedFromCache);
        Assert.Equal(DatasetLoader.Load(root, new DatasetLoadOptions { Size = 8, UseCache = false }).Pixels, whole.Pixels);
    }

    [Fact]
    public void FaceCroppedCopy_IsLoadedAsItIs_WithoutTheFaceStep()
    {
        using var temp = new TempDirectory();
        string root = MakeDataset(temp);
        var copySettings = new FaceCropSettings("front", 0.5f, 0.25f);
        copySettings.Write(root);
        var step = new TopLeftQuarter(faceCrop: new FaceCropSettings("back", 0.6f, 0.3f));

        LoadedDataset withStep = DatasetLoader.Load(root, Options(temp, step));
        LoadedDataset without = DatasetLoader.Load(root, Options(temp, null));

        Assert.Equal(0, step.Calls);
        Assert.Null(withStep.Preparation);
        Assert.Equal(copySettings, withStep.FaceCrop);
        Assert.Equal(without.CachePath, withStep.CachePath);
        Assert.True(without.LoadedFromCache);
        Assert.Equal(without.Pixels, withStep.Pixels);

        // a step that does not crop faces still runs on such a copy
        var other = new TopLeftQuarter();
        Assert.NotNull(DatasetLoader.Load(root, Options(temp, other)).Preparation);
        Assert.Equal(8, other.Calls);
    }

    [Fact]
    public void AFaceStepOnWholeImages_ReportsItsSettings_AndTheModelNoLongerRefusesThem()
    {
        using var temp = new TempDirectory();
        string root = MakeDataset(temp);
        var settings = new FaceCropSettings("front", 0.5f, 0.25f);
        var manifest = new ModelManifest { Arch = "seed4", Classes = ["class0", "class1"], InputSize = 8, Normalization = Normalization.Half, FaceCrop = settings };

        LoadedDataset whole = DatasetLoader.Load(root, new DatasetLoadOptions { Size = 8, UseCache = false });
        LoadedDataset cropped = DatasetLoader.Load(root, new DatasetLoadOptions { Size = 8, UseCache = false, Preparer = new TopLeftQuarter(faceCrop: settings) });

        Assert.Null(whole.FaceCrop);
        Assert.Equal(settings, cropped.FaceCrop); // what a model resumed on them records
        ModelCompatibility.EnsureMatches(manifest, whole);
        ModelCompatibility.EnsureMatches(manifest, cropped);

        // real mismatches are still refused
        var classes = Assert.Throws<FaceMaskException>(() => ModelCompatibility.EnsureMatches(manifest with { Classes = ["a", "b"] }, cropped));
        Assert.Contains("classes", classes.Message, StringComparison.Ordinal);
        var size = Assert.Throws<FaceMaskException>(() => ModelCompatibility.EnsureMatches(manifest with { InputSize = 16 }, cropped));
        Assert.Contains("16 px", size.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStepIdThatIsNotFileNameSafe_IsRefused()
    {
        using var temp = new TempDirectory();
        string root = MakeDataset(temp);

        Assert.Throws<ArgumentException>(() => DatasetLoader.Load(root, Options(temp, new TopLeftQuarter("../x"))));
    }

    /// <summary>Cuts the top-left quarter of each image except those <see cref="LeftWhole"/> names; counts its calls.</summary>
    private sealed class TopLeftQuarter(string id = "quarter-v1", FaceCropSettings? faceCrop = null) : IImagePreparer
    {
        private int calls;

        public string Id => id;

        public FaceCropSettings? FaceCrop => faceCrop;

        public int Calls => calls;

        public static SKBitmap Cut(SKBitmap photo)
        {
            var quarter = new SKBitmap(new SKImageInfo(photo.Width / 2, photo.Height / 2, SKColorType.Rgba8888, SKAlphaType.Opaque));
            using SKPixmap source = photo.PeekPixels();
            using SKPixmap subset = source.ExtractSubset(SKRectI.Create(0, 0, photo.Width / 2, photo.Height / 2))!;
            Assert.True(subset.ReadPixels(quarter.Info, quarter.GetPixels(), quarter.RowBytes));
            return quarter;
        }

        public SKBitmap? Prepare(SKBitmap photo, string nameForErrors)
        {
            Interlocked.Increment(ref calls);
            return LeftWhole(nameForErrors) ? null : Cut(photo);
        }
    }
}
