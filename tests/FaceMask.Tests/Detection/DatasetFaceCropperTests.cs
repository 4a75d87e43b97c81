using FaceMask.Data;
using FaceMask.Detection;
using FaceMask.Tests.Support;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Detection;

/// <summary><see cref="DatasetFaceCropper"/>: a face-centred copy of an ImageFolder dataset.</summary>
public sealed class DatasetFaceCropperTests
{
    [AstronautFact]
    public void CropsFacesKeepsFormatsAndCopiesFacelessImagesWhole()
    {
        using var temp = new TempDirectory();
        byte[] png = File.ReadAllBytes(DetectionFixture.AstronautPath!);
        byte[] jpeg;
        using (SKBitmap photo = DetectionFixture.Decode(DetectionFixture.AstronautPath!))
        using (SKData data = photo.Encode(SKEncodedImageFormat.Jpeg, 95))
        {
            jpeg = data.ToArray();
        }

        byte[] flat = DetectionFixture.FlatPng(300, 200, SKColors.SeaGreen);
        temp.Write("src/person/astronaut.jpg", jpeg);
        temp.Write("src/person/astronaut.png", png);
        temp.Write("src/wall/flat.png", flat);
        temp.Write("SOURCES.md", "# Sources\n\nmade up\n"u8.ToArray()); // beside the dataset root, as in ../shared

        FaceCropSummary summary = DatasetFaceCropper.WriteFaceCrops(temp["src"], temp["out"]);

        Assert.Equal(temp["out"], summary.OutputRoot);
        Assert.Equal(["person", "wall"], summary.Classes.Select(c => c.Class));
        Assert.Equal((2, 2), (summary.Classes[0].Written, summary.Classes[0].Cropped));
        Assert.Equal((1, 0), (summary.Classes[1].Written, summary.Classes[1].Cropped));
        Assert.Equal(flat, File.ReadAllBytes(temp["out/wall/flat.png"]));
        Assert.Equal(jpeg, File.ReadAllBytes(temp["src/person/astronaut.jpg"])); // the source is untouched

        // the crop is a square around the face (centre near (225, 125), hand-measured), in the file's own format
        byte[] croppedJpeg = File.ReadAllBytes(temp["out/person/astronaut.jpg"]);
        byte[] croppedPng = File.ReadAllBytes(temp["out/person/astronaut.png"]);
        Assert.Equal([0xFF, 0xD8], croppedJpeg[..2]);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], croppedPng[..4]);
        using SKBitmap crop = ImageDecoder.DecodeBitmap(croppedPng, "astronaut.png");
        Assert.Equal(crop.Width, crop.Height);
        Assert.InRange(crop.Width, 100, 250);

        string[] lines = File.ReadAllLines(summary.ManifestPath);
        Assert.Equal("path,width,height,faces,score,cropped,crop_x,crop_y,crop_side", lines[0]);
        string[] row = Assert.Single(lines, l => l.StartsWith("person/astronaut.png,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(["512", "512", "1"], row[1..4]);
        Assert.Equal("true", row[5]);
        int x = int.Parse(row[6], System.Globalization.CultureInfo.InvariantCulture);
        int y = int.Parse(row[7], System.Globalization.CultureInfo.InvariantCulture);
        int side = int.Parse(row[8], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(crop.Width, side);
        Assert.InRange(225, x, x + side);
        Assert.InRange(125, y, y + side);
        Assert.Equal("wall/flat.png,300,200,0,,false,,,", Assert.Single(lines, l => l.StartsWith("wall/", StringComparison.Ordinal)));

        Assert.Equal(new FaceCropSettings("front", FaceDetectorOptions.DefaultThreshold, FaceCrop.DefaultMargin), FaceCropSettings.Read(temp["out"]));

        Assert.Equal("# Sources\n\nmade up\n", File.ReadAllText(temp["out/SOURCES.md"]));

        // the copy is a dataset like any other
        Assert.Equal(3, ImageFolder.Discover(temp["out"]).Entries.Count);
    }

    [DetectorFact]
    public void UnusableFilesAreLeftOutAndListed()
    {
        using var temp = new TempDirectory();
        temp.Write("src/a/flat.png", DetectionFixture.FlatPng(64, 64, SKColors.Gray));
        temp.Write("src/a/broken.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]);
        temp.Write("src/b/flat.png", DetectionFixture.FlatPng(64, 64, SKColors.White));

        FaceCropSummary summary = DatasetFaceCropper.WriteFaceCrops(temp["src"], temp["out"]);

        Assert.Equal(2, summary.Written);
        Assert.Equal("a/broken.jpg", Assert.Single(summary.Skipped).Path);
        Assert.False(File.Exists(temp["out/a/broken.jpg"]));
        Assert.Equal(3, File.ReadAllLines(summary.ManifestPath).Length);
    }

    [DetectorFact]
    public void RefusesUnsuitableOutputFoldersAndLeavesNothingBehind()
    {
        using var temp = new TempDirectory();
        temp.Write("src/a/flat.png", DetectionFixture.FlatPng(64, 64, SKColors.Gray));
        temp.Write("taken/keep.txt", "mine"u8.ToArray());

        var inside = Assert.Throws<FaceMaskException>(() => DatasetFaceCropper.WriteFaceCrops(temp["src"], temp["src/faces"]));
        Assert.Contains("inside the source dataset", inside.Message, StringComparison.Ordinal);
        var taken = Assert.Throws<FaceMaskException>(() => DatasetFaceCropper.WriteFaceCrops(temp["src"], temp["taken"]));
        Assert.Contains(temp["taken"], taken.Message, StringComparison.Ordinal);
        Assert.Contains("not empty", taken.Message, StringComparison.Ordinal);
        Assert.Equal("mine"u8.ToArray(), File.ReadAllBytes(temp["taken/keep.txt"]));
        var margin = Assert.Throws<FaceMaskException>(() => DatasetFaceCropper.WriteFaceCrops(temp["src"], temp["out"], new PhotoAnalyzerOptions { Margin = -0.1f }));
        Assert.Contains("margin", margin.Message, StringComparison.Ordinal);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => DatasetFaceCropper.WriteFaceCrops(temp["src"], temp["out"], cancellationToken: cancelled.Token));
        Assert.Equal(["src", "taken"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
