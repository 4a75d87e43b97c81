using FaceMask.Features;
using FaceMask.Tests.Support;
using System.Security.Cryptography;
using FaceMask.Data;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Data;

public sealed class DatasetAugmenterTests
{
    /// <summary>few: 2 noisy JPEGs + 1 PNG (+ a truncated file), many: 6 JPEGs.</summary>
    private static string MakeSource(TempDirectory temp)
    {
        for (int i = 0; i < 2; i++)
        {
            using SKBitmap noise = TestImages.Noise(40, 30, seed: i);
            temp.Write($"src/few/f{i}.jpg", TestImages.Encode(noise, SKEncodedImageFormat.Jpeg, 90));
        }

        temp.Write("src/few/p.png", TestImages.Png(20, 20, SKColors.Orange));
        temp.Write("src/few/bad.jpg", TestImages.TruncatedJpeg());
        for (int i = 0; i < 6; i++)
        {
            temp.Write($"src/many/m{i}.jpg", TestImages.Jpeg(24, 24, new SKColor((byte)(i * 40), 100, 100)));
        }

        return temp["src"];
    }

    private static Dictionary<string, string> Snapshot(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(root, f).Replace('\\', '/'),
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public void WritesABalancedCopy_TopsUpSmallClasses_SubsamplesLargeOnes()
    {
        using var temp = new TempDirectory();
        string source = MakeSource(temp);
        Dictionary<string, string> before = Snapshot(source);

        AugmentSummary summary = DatasetAugmenter.WriteBalancedCopy(source, temp["out"], perClass: 5, seed: 42);

        Assert.Equal(temp["out"], summary.OutputRoot);
        Assert.Equal(
            [new ClassAugmentSummary("few", 3, 5, 2), new ClassAugmentSummary("many", 6, 5, 0)],
            summary.Classes);
        Assert.Equal(10, summary.TotalWritten);
        Assert.Equal("few/bad.jpg", Assert.Single(summary.Skipped).Path);

        Dictionary<string, string> output = Snapshot(temp["out"]);
        Dictionary<string, string> after = Snapshot(source);
        Assert.Equal(before, after); // the source is untouched
        Assert.Equal(5, output.Keys.Count(k => k.StartsWith("few/", StringComparison.Ordinal)));
        Assert.Equal(5, output.Keys.Count(k => k.StartsWith("many/", StringComparison.Ordinal)));
        foreach (string original in new[] { "few/f0.jpg", "few/f1.jpg", "few/p.png" })
        {
            Assert.Equal(before[original], output[original]); // originals are copied byte for byte
        }

        Assert.Equal(2, output.Keys.Count(k => k.Contains("_aug", StringComparison.Ordinal)));
        Assert.All(output.Keys.Where(k => k.StartsWith("many/", StringComparison.Ordinal)), k => Assert.Equal(before[k], output[k]));
        Assert.DoesNotContain(Directory.GetDirectories(temp.Path), d => Path.GetFileName(d).Contains(".partial-", StringComparison.Ordinal));

        LoadedDataset loaded = DatasetLoader.Load(temp["out"], new DatasetLoadOptions { Size = 16, UseCache = false, Strict = true });
        Assert.Equal(10, loaded.Count);
    }

    [Fact]
    public void AugmentedCopies_KeepTheSourceSize_AndAreJpeg()
    {
        using var temp = new TempDirectory();
        string source = MakeSource(temp);
        DatasetAugmenter.WriteBalancedCopy(source, temp["out"], perClass: 8, seed: 1);

        string[] augmented = Directory.GetFiles(temp["out/few"], "*_aug*");
        Assert.Equal(5, augmented.Length);
        foreach (string file in augmented)
        {
            Assert.EndsWith(".jpg", file, StringComparison.Ordinal);
            using SKCodec codec = SKCodec.Create(file);
            Assert.Equal(SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
            Assert.Contains(codec.Info.Size, new[] { new SKSizeI(40, 30), new SKSizeI(20, 20) });
        }
    }

    [Fact]
    public void SameSeed_SameOutput_OtherSeed_OtherOutput()
    {
        using var temp = new TempDirectory();
        string source = MakeSource(temp);
        DatasetAugmenter.WriteBalancedCopy(source, temp["a"], perClass: 4, seed: 7);
        DatasetAugmenter.WriteBalancedCopy(source, temp["b"], perClass: 4, seed: 7);
        DatasetAugmenter.WriteBalancedCopy(source, temp["c"], perClass: 4, seed: 8);

        Assert.Equal(Snapshot(temp["a"]), Snapshot(temp["b"]));
        Assert.NotEqual(Snapshot(temp["a"]), Snapshot(temp["c"]));
    }

    [Fact]
    public void RefusesOutputInsideOrEqualToTheSource_OrNotEmpty()
    {
        using var temp = new TempDirectory();
        string source = MakeSource(temp);

        var same = Assert.Throws<FaceMaskException>(() => DatasetAugmenter.WriteBalancedCopy(source, source + "/", 5, 1));
        Assert.Contains("is the source dataset", same.Message, StringComparison.Ordinal);

        var inside = Assert.Throws<FaceMaskException>(() => DatasetAugmenter.WriteBalancedCopy(source, Path.Combine(source, "few", "aug"), 5, 1));
        Assert.Contains("inside the source dataset", inside.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(source, "few", "aug")));

        temp.Write("busy/file.txt", [1]);
        var busy = Assert.Throws<FaceMaskException>(() => DatasetAugmenter.WriteBalancedCopy(source, temp["busy"], 5, 1));
        Assert.Equal($"{temp["busy"]}: the output folder already exists and is not empty; choose a new or empty folder", busy.Message);

        Directory.CreateDirectory(temp["empty"]);
        Assert.Equal(10, DatasetAugmenter.WriteBalancedCopy(source, temp["empty"], 5, 1).TotalWritten);

        Assert.Throws<FaceMaskException>(() => DatasetAugmenter.WriteBalancedCopy(source, temp["zero"], 0, 1));
    }

    [Fact]
    public void ReportsProgress()
    {
        using var temp = new TempDirectory();
        string source = MakeSource(temp);
        var reports = new List<LoadProgress>();
        DatasetAugmenter.WriteBalancedCopy(source, temp["out"], 3, 1, new InlineProgress(reports));
        Assert.Equal(new LoadProgress(6, 6, false), reports[^1]);
    }

    private sealed class InlineProgress(List<LoadProgress> reports) : IProgress<LoadProgress>
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
