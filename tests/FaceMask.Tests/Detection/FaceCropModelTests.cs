using System.Text.Json;
using FaceMask.Data;
using FaceMask.Detection;
using FaceMask.Inference;
using FaceMask.Models;
using FaceMask.Tests.Support;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Detection;

/// <summary>Models trained on a face-cropped copy (<c>data faces</c>) record it and are fed face crops at inference.</summary>
public sealed class FaceCropModelTests
{
    [Fact]
    public void SettingsRoundTripAndAbsentMeansWholeImages()
    {
        using var temp = new TempDirectory();
        Assert.Null(FaceCropSettings.Read(temp.Path));
        var settings = new FaceCropSettings("back", 0.6f, 0.3f);
        settings.Write(temp.Path);
        Assert.Equal(settings, FaceCropSettings.Read(temp.Path));

        File.WriteAllText(temp[FaceCropSettings.FileName], "{ not json");
        var error = Assert.Throws<FaceMaskException>(() => FaceCropSettings.Read(temp.Path));
        Assert.Contains(temp[FaceCropSettings.FileName], error.Message, StringComparison.Ordinal);
    }

    [DetectorFact]
    public void TrainingOnACroppedCopyRecordsItAndEvaluateCropsWholeImages()
    {
        using var temp = new TempDirectory();
        string data = SyntheticDataset.Create(temp["data"], classes: 2, perClass: 12, side: 20, seed: 4);
        var (code, output) = CliRunner.Run("data", "faces", "--data", data, "--out", temp["faces"], "--margin", "0.3");
        Assert.True(code == 0, output);
        Assert.Equal(new FaceCropSettings("front", FaceDetectorOptions.DefaultThreshold, 0.3f), FaceCropSettings.Read(temp["faces"]));

        (code, output) = CliRunner.Run("train", "--data", temp["faces"], "--size", "16", "--epochs", "1", "--threads", "1", "--out", temp["run"], "--cache", temp["cache"]);
        Assert.True(code == 0, output);
        using (JsonDocument json = JsonDocument.Parse(File.ReadAllText(temp["run/model/model.json"])))
        {
            JsonElement crop = json.RootElement.GetProperty("face_crop");
            Assert.Equal("front", crop.GetProperty("detector").GetString());
            Assert.Equal(0.3, crop.GetProperty("margin").GetDouble(), 5);
        }

        Assert.Contains("made by `facemask data faces`", File.ReadAllText(temp["run/model/MODEL_CARD.md"]), StringComparison.Ordinal);

        (code, output) = CliRunner.Run("evaluate", "--model", temp["run/model"], "--data", temp["faces"], "--out", temp["eval-faces"], "--cache", temp["cache"]);
        Assert.True(code == 0, output);
        Assert.DoesNotContain("face crops:", output, StringComparison.Ordinal); // the copy is used as it is

        // whole images are cropped as data faces cropped them: the same images have a face
        (code, output) = CliRunner.Run("evaluate", "--model", temp["run/model"], "--data", data, "--out", temp["eval-whole"], "--cache", temp["cache"]);
        Assert.True(code == 0, output);
        int cropped = File.ReadLines(temp[$"faces/{DatasetFaceCropper.ManifestFileName}"]).Skip(1).Count(line => line.Split(',')[5] == "true");
        Assert.Contains($"face crops: {cropped} of 24 images ({24 - cropped} without a face, used whole)", output, StringComparison.Ordinal);

        // a model trained on whole images has no face_crop entry
        (code, output) = CliRunner.Run("train", "--data", data, "--size", "16", "--epochs", "1", "--threads", "1", "--out", temp["run-whole"], "--cache", temp["cache"]);
        Assert.True(code == 0, output);
        Assert.DoesNotContain("face_crop", File.ReadAllText(temp["run-whole/model/model.json"]), StringComparison.Ordinal);
    }

    [AstronautFact]
    public void PredictionIsTheBestFacesCrop()
    {
        using var temp = new TempDirectory();
        string astronaut = DetectionFixture.AstronautPath!;
        string flat = temp.Write("flat.png", DetectionFixture.FlatPng(90, 60, SKColors.Orange));
        string broken = temp.Write("broken.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2]);
        using TrainedModel model = ModelStore.Load(DetectionFixture.SaveTinyModel(temp["model"]));
        var settings = new FaceCropSettings("front", 0.5f, 0.25f);
        model.Manifest = model.Manifest with { FaceCrop = settings };

        IReadOnlyList<ImagePrediction> predictions = FilePredictor.Classify(model, [astronaut, flat, broken]);

        using var classifier = new ImageClassifier(model);
        using var detector = new FaceDetector();
        using SKBitmap photo = DetectionFixture.Decode(astronaut);
        DetectedFace face = Assert.Single(detector.Detect(photo));
        using SKBitmap crop = FaceCrop.Extract(photo, FaceCrop.Region(face.Box, photo.Width, photo.Height, settings.Margin));
        ImagePrediction expected = classifier.ClassifyImages([crop], ["face"])[0];
        ImagePrediction whole = classifier.ClassifyImages([photo], ["photo"])[0];
        Assert.Equal(expected.Probabilities, predictions[0].Probabilities);
        Assert.NotEqual(whole.Probabilities, predictions[0].Probabilities);

        using SKBitmap flatBitmap = DetectionFixture.Decode(flat);
        Assert.Equal(classifier.ClassifyImages([flatBitmap], ["flat"])[0].Probabilities, predictions[1].Probabilities);
        Assert.Null(predictions[2].Label);
        Assert.Contains("broken.jpg", predictions[2].Error, StringComparison.Ordinal);

        model.Manifest = model.Manifest with { FaceCrop = null };
        Assert.Equal(whole.Probabilities, FilePredictor.Classify(model, [astronaut])[0].Probabilities); // a whole-image model gets the whole photo
    }
}
