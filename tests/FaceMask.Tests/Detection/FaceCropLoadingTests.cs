using System.Text.Json;
using FaceMask.Data;
using FaceMask.Detection;
using FaceMask.Features;
using FaceMask.Inference;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Reporting;
using FaceMask.ResNet;
using FaceMask.Runtime;
using FaceMask.Tests.Support;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Detection;

/// <summary>
/// Whole images for a model trained on face crops: <c>evaluate</c> (and the loader under it) crops each image's best
/// face exactly as <c>predict</c> does, uses images without a face whole, counts them, and caches the crops apart.
/// </summary>
public sealed class FaceCropLoadingTests
{
    private static readonly FaceCropSettings Crops = new("front", 0.5f, 0.25f);

    /// <summary>
    /// An ImageFolder of whole photos: the astronaut (one face) in the first class, a flat picture and a generated one
    /// (no face) in the others, more classes (when the model has them) with generated pictures.
    /// </summary>
    private static string WholePhotos(TempDirectory temp, IReadOnlyList<string> classes)
    {
        File.Copy(DetectionFixture.AstronautPath!, Path.Combine(Directory.CreateDirectory(temp[$"whole/{classes[0]}"]).FullName, "astronaut.png"));
        temp.Write($"whole/{classes[1]}/flat.png", DetectionFixture.FlatPng(90, 60, SKColors.Orange));
        var random = new Random(3);
        for (int c = 2; c < classes.Count; c++)
        {
            temp.Write($"whole/{classes[c]}/shapes.png", SyntheticDataset.Render(c, 64, random));
        }

        return temp["whole"];
    }

    /// <summary>An untrained seed4 model (16 px, classes a, b, c) that records face crops.</summary>
    private static string SaveTinyFaceCropModel(string directory)
    {
        TorchRuntime.Configure(1, 3);
        var manifest = new ModelManifest { Arch = "seed4", Classes = ["a", "b", "c"], InputSize = 16, Normalization = Normalization.Half, FaceCrop = Crops };
        using var model = new TrainedModel(ModelArchitectures.Create("seed4", 3, 16), manifest);
        ModelStore.Save(model, directory);
        return directory;
    }

    /// <summary>
    /// Asserts that a run's predictions.csv has, for every file, the probabilities <c>predict</c> gives (within 1e-6; the
    /// file has six decimals) before the temperature: runs record the model's answers — the network's own probabilities,
    /// prior-corrected when the model's calibration says so — and the temperature changes no label.
    /// </summary>
    private static void AssertEqualsPredict(TrainedModel model, string dataRoot, string runDirectory, int expectedRows)
    {
        var (labels, rows) = PredictionsCsvReader.Read(runDirectory);
        Assert.Equal(model.Manifest.Classes, labels);
        Assert.Equal(expectedRows, rows.Count);
        var calibration = model.Manifest.Calibration;
        model.Manifest = model.Manifest with { Calibration = calibration is { PriorCorrection: > 0 } ? calibration with { Temperature = 1, UnsureBelow = 0 } : null };
        var predicted = FilePredictor.Classify(model, rows.Select(r => Path.Combine(dataRoot, r.Path)).ToArray());
        model.Manifest = model.Manifest with { Calibration = calibration };
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Null(predicted[i].Error);
            for (int c = 0; c < labels.Count; c++)
            {
                float expected = predicted[i].Probabilities[labels[c]];
                Assert.True(Math.Abs(expected - rows[i].Probabilities[c]) <= 1e-6,
                    $"{rows[i].Path} p_{labels[c]}: evaluate {rows[i].Probabilities[c]}, predict {expected}");
            }

            Assert.Equal(predicted[i].Label, labels[rows[i].Predicted]);
        }
    }

    [AstronautFact]
    public void Evaluate_OnWholePhotos_CropsAsPredictDoes_CountsThePhotosWithoutAFace()
    {
        using var temp = new TempDirectory();
        string modelDir = SaveTinyFaceCropModel(temp["model"]);
        string root = WholePhotos(temp, ["a", "b", "c"]);

        var (code, output) = CliRunner.Run("evaluate", "--model", modelDir, "--data", root, "--out", temp["run"], "--cache", temp["cache"]);

        Assert.True(code == 0, output);
        Assert.Contains("face crops: 1 of 3 images (2 without a face, used whole)", output, StringComparison.Ordinal);
        Assert.Contains("without a face: a 0, b 1, c 1", output, StringComparison.Ordinal);
        using (TrainedModel model = ModelStore.Load(modelDir))
        {
            AssertEqualsPredict(model, root, temp["run"], expectedRows: 3);
        }

        using (JsonDocument report = JsonDocument.Parse(File.ReadAllText(temp["run/report.json"])))
        {
            JsonElement preparation = report.RootElement.GetProperty("data").GetProperty("preparation");
            Assert.StartsWith("faces-front-t0.5-m0.25-v", preparation.GetProperty("step").GetString(), StringComparison.Ordinal);
            Assert.Equal(1, preparation.GetProperty("prepared").GetInt32());
            Assert.Equal(2, preparation.GetProperty("whole").GetInt32());
            Assert.Equal(0, preparation.GetProperty("whole_per_class").GetProperty("a").GetInt32());
            Assert.Equal(1, preparation.GetProperty("whole_per_class").GetProperty("b").GetInt32());
            Assert.Equal(1, preparation.GetProperty("whole_per_class").GetProperty("c").GetInt32());
        }

        // again: the crops and the "no face" marks come from their own cache file
        (code, output) = CliRunner.Run("evaluate", "--model", modelDir, "--data", root, "--out", temp["run2"], "--cache", temp["cache"]);
        Assert.True(code == 0, output);
        Assert.Contains("(from cache", output, StringComparison.Ordinal);
        Assert.Contains("face crops: 1 of 3 images (2 without a face, used whole)", output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(temp["run/predictions.csv"]), File.ReadAllText(temp["run2/predictions.csv"]));
        string cacheFile = Assert.Single(Directory.GetFiles(temp["cache"], "*.fmcache"));
        Assert.Contains("-faces-front-t0.5-m0.25-v", Path.GetFileName(cacheFile), StringComparison.Ordinal);

        // train --resume on the same whole photos crops them too, and the new model is still a face-crop model
        (code, output) = CliRunner.Run("train", "--resume", modelDir, "--data", root, "--test-split", "0", "--epochs", "1", "--threads", "1",
            "--out", temp["resumed"], "--cache", temp["cache"]);
        Assert.True(code == 0, output);
        Assert.Contains("face crops: 1 of 3 images", output, StringComparison.Ordinal);
        Assert.Equal(Crops, ModelStore.ReadManifest(temp["resumed/model"]).FaceCrop);
    }

    [AstronautFact]
    public void TheLoadersCrops_AreThePixelsPredictClassifies()
    {
        using var temp = new TempDirectory();
        string root = WholePhotos(temp, ["a", "b", "c"]);
        using var model = ModelStore.Load(SaveTinyFaceCropModel(temp["model"]));
        using var faces = FaceCropPreparer.For(model.Manifest, root);
        Assert.NotNull(faces);

        LoadedDataset cropped = DatasetLoader.Load(root, new DatasetLoadOptions { Size = 16, CacheDirectory = temp["cache"], Preparer = faces });
        LoadedDataset whole = DatasetLoader.Load(root, new DatasetLoadOptions { Size = 16, CacheDirectory = temp["cache"] });

        Assert.Equal(["a/astronaut.png", "b/flat.png", "c/shapes.png"], cropped.Paths);
        Assert.Equal([false, true, true], cropped.Preparation!.UsedWhole);
        Assert.Equal(Crops, cropped.FaceCrop);
        Assert.NotEqual(cropped.CachePath, whole.CachePath);
        Assert.NotEqual(whole.ImagePixels(0).ToArray(), cropped.ImagePixels(0).ToArray());

        // the astronaut's pixels are its face's crop, resized as predict resizes it
        using var detector = new FaceDetector();
        using SKBitmap photo = DetectionFixture.Decode(Path.Combine(root, "a/astronaut.png"));
        DetectedFace face = Assert.Single(detector.Detect(photo));
        using SKBitmap crop = FaceCrop.Extract(photo, FaceCrop.Region(face.Box, photo.Width, photo.Height, Crops.Margin));
        var expected = new byte[3 * 16 * 16];
        ImageDecoder.ResizeInto(crop, 16, ResizeMode.Stretch, expected);
        Assert.Equal(expected, cropped.ImagePixels(0).ToArray());

        using var result = EvaluationProtocol.Run(model, cropped);
        var predicted = FilePredictor.Classify(model, cropped.Paths.Select(p => Path.Combine(root, p)).ToArray());
        for (int i = 0; i < cropped.Count; i++)
        {
            for (int c = 0; c < model.Manifest.Classes.Count; c++)
            {
                float expectedProbability = predicted[i].Probabilities[model.Manifest.Classes[c]];
                Assert.True(Math.Abs(expectedProbability - result.Predictions[i].Probabilities[c]) <= 1e-6,
                    $"{cropped.Paths[i]}: evaluate {result.Predictions[i].Probabilities[c]}, predict {expectedProbability}");
            }
        }
    }

    [AstronautFact]
    public void Evaluate_WithTheShippedModel_OnWholePhotos_EqualsPredict()
    {
        using var temp = new TempDirectory();
        var manifest = ModelStore.ReadManifest(ModelStore.DefaultModelDirectory);
        Assert.NotNull(manifest.FaceCrop);
        string root = WholePhotos(temp, manifest.Classes);

        var (code, output) = CliRunner.Run("evaluate", "--data", root, "--out", temp["run"], "--cache", temp["cache"]);

        Assert.True(code == 0, output);
        Assert.Contains($"face crops: 1 of {manifest.Classes.Count} images ({manifest.Classes.Count - 1} without a face, used whole)", output, StringComparison.Ordinal);
        using (TrainedModel model = ModelStore.Load(ModelStore.DefaultModelDirectory))
        {
            AssertEqualsPredict(model, root, temp["run"], expectedRows: manifest.Classes.Count);
        }

        bool usesFeatures = ModelArchitectures.Defaults(manifest.Arch).Backbone is not null; // resnet18: backbone features; resnet18-ft: pixels
        string cache = Assert.Single(Directory.GetFiles(temp["cache"], usesFeatures ? "*.fmfeat" : "*.fmcache"));
        Assert.Contains("-faces-front-", Path.GetFileName(cache), StringComparison.Ordinal);
        using var faces = new FaceCropPreparer(manifest.FaceCrop);
        LoadedDataset warm = DatasetLoader.Load(root, new DatasetLoadOptions
        {
            Size = manifest.InputSize,
            Resize = ResizeMode.CenterCrop,
            Backbone = usesFeatures ? ResNet18Backbone.Name : null,
            CacheDirectory = temp["cache"],
            Preparer = new NoDetection(faces),
        });
        Assert.True(warm.LoadedFromCache);
        Assert.Equal(manifest.Classes.Count - 1, warm.Preparation!.Whole);
    }

    [DetectorFact]
    public void Evaluate_OnAFaceCroppedCopy_DoesNotCropAgain()
    {
        using var temp = new TempDirectory();
        var random = new Random(4);
        foreach (var (name, label) in new[] { ("a", 0), ("b", 1), ("c", 2) })
        {
            temp.Write($"data/{name}/one.png", SyntheticDataset.Render(label, 20, random));
            temp.Write($"data/{name}/two.png", SyntheticDataset.Render(label, 20, random));
        }

        var (code, output) = CliRunner.Run("data", "faces", "--data", temp["data"], "--out", temp["faces"]);
        Assert.True(code == 0, output);
        Assert.NotNull(FaceCropSettings.Read(temp["faces"]));
        string modelDir = SaveTinyFaceCropModel(temp["model"]);
        (code, output) = CliRunner.Run("evaluate", "--model", modelDir, "--data", temp["faces"], "--out", temp["run"], "--cache", temp["cache"]);

        Assert.True(code == 0, output);
        Assert.DoesNotContain("face crops:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"preparation\"", File.ReadAllText(temp["run/report.json"]), StringComparison.Ordinal);
        Assert.DoesNotContain("-faces-front-", Path.GetFileName(Assert.Single(Directory.GetFiles(temp["cache"], "*.fmcache"))), StringComparison.Ordinal);
    }

    [SharedDataFact(NeedsDetector = true)]
    public void Evaluate_WithTheShippedModel_OnSharedWholeImages_EqualsPredict()
    {
        // 50 of the shared images (10 per class, spread over each class folder), copied into a folder of whole images
        using var temp = new TempDirectory();
        ImageFolder shared = ImageFolder.Discover(SharedData.ImagesRoot!);
        var sample = shared.Entries.GroupBy(e => e.Label)
            .SelectMany(g => g.Where((_, i) => i % Math.Max(1, g.Count() / 10) == 0).Take(10))
            .ToList();
        foreach (ImageEntry entry in sample)
        {
            string target = temp[Path.Combine("whole", entry.RelativePath)];
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(shared.Root, entry.RelativePath), target);
        }

        var manifest = ModelStore.ReadManifest(ModelStore.DefaultModelDirectory);
        var (code, output) = CliRunner.Run("evaluate", "--data", temp["whole"], "--out", temp["run"], "--cache", temp["cache"]);

        Assert.True(code == 0, output);
        using (TrainedModel model = ModelStore.Load(ModelStore.DefaultModelDirectory))
        {
            AssertEqualsPredict(model, temp["whole"], temp["run"], expectedRows: sample.Count);
        }

        // the images without a face are those in which the model's detector finds none
        using var detector = new FaceDetector(PhotoAnalyzerOptions.For(manifest.FaceCrop).Detector);
        int withoutFace = sample.Count(e =>
        {
            using SKBitmap photo = DetectionFixture.Decode(temp[Path.Combine("whole", e.RelativePath)]);
            return detector.Detect(photo).Count == 0;
        });
        Assert.Contains($"face crops: {sample.Count - withoutFace} of {sample.Count} images ({withoutFace} without a face, used whole)", output, StringComparison.Ordinal);
    }

    /// <summary>A face-crop step that must not run (everything is expected from the cache).</summary>
    private sealed class NoDetection(FaceCropPreparer inner) : IImagePreparer
    {
        public string Id => inner.Id;

        public FaceCropSettings? FaceCrop => inner.Settings;

        public SKBitmap? Prepare(SKBitmap photo, string nameForErrors) => throw new InvalidOperationException($"{nameForErrors} was cropped again instead of read from the cache");
    }
}
