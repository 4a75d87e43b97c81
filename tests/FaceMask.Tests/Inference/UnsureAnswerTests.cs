using FaceMask.Detection;
using FaceMask.Inference;
using FaceMask.Models;
using FaceMask.Tests.Support;
using SkiaSharp;
using Xunit;

namespace FaceMask.Tests.Inference;

/// <summary>
/// The one place answers are calibrated and judged unsure (<see cref="ImageClassifier"/>), seen through every path:
/// the classifier itself, <see cref="FilePredictor"/> (predict) and <see cref="PhotoAnalyzer"/> (detect, serve).
/// </summary>
public sealed class UnsureAnswerTests(CalibratedModelFixture models) : IClassFixture<CalibratedModelFixture>
{
    [Fact]
    public void ThresholdOne_EveryAnswerUnsure_ThresholdZero_None_LabelsStayTheBestGuess()
    {
        IReadOnlyList<ImagePrediction> all = Classify(models.Calibrated(1.0, 1.0));
        IReadOnlyList<ImagePrediction> none = Classify(models.Calibrated(1.0, 0.0));

        Assert.All(all, p => Assert.True(p.Unsure, p.Path));
        Assert.All(none, p => Assert.False(p.Unsure, p.Path));
        for (int i = 0; i < all.Count; i++)
        {
            Assert.Equal(none[i].Label, all[i].Label);
            Assert.Equal(all[i].Probabilities.MaxBy(kv => kv.Value).Key, all[i].Label);
        }
    }

    [Fact]
    public void Temperature_ChangesTheProbabilitiesAsScaleSays_AndKeepsTheLabel()
    {
        const double temperature = 0.4;
        IReadOnlyList<ImagePrediction> plain = Classify(models.PlainModel);
        IReadOnlyList<ImagePrediction> calibrated = Classify(models.Calibrated(temperature, 0.0));
        string[] classes = [.. ModelStore.ReadManifest(models.PlainModel).Classes];

        double largestChange = 0;
        for (int i = 0; i < plain.Count; i++)
        {
            float[] raw = [.. classes.Select(c => plain[i].Probabilities[c])];
            float[] expected = CalibrationSettings.Scale(raw, temperature);
            for (int c = 0; c < classes.Length; c++)
            {
                // the two models ran the same weights on the same pixels; 1e-6 only allows for libtorch's last bit
                Assert.Equal(expected[c], calibrated[i].Probabilities[classes[c]], 1e-6);
            }

            Assert.Equal(plain[i].Label, calibrated[i].Label);
            largestChange = Math.Max(largestChange, classes.Max(c => Math.Abs(calibrated[i].Probabilities[c] - plain[i].Probabilities[c])));
            Assert.True(calibrated[i].Probabilities[calibrated[i].Label!] >= plain[i].Probabilities[plain[i].Label!], "a temperature below 1 sharpens");
        }

        Assert.True(largestChange > 0.01, $"the temperature changed no probability by more than {largestChange}");
    }

    [Fact]
    public void UnsureIsTheCalibratedTopProbabilityBelowTheThreshold()
    {
        string model = models.Calibrated(2.0, 0.0);
        float[] tops = [.. Classify(model).Select(p => p.Probabilities[p.Label!]).Order()];
        double threshold = (tops[tops.Length / 2 - 1] + tops[tops.Length / 2]) / 2.0;
        Assert.True(tops[0] < threshold && threshold < tops[^1], $"no spread in the top probabilities: {string.Join(", ", tops)}");

        IReadOnlyList<ImagePrediction> answers = Classify(model, threshold);

        Assert.All(answers, p => Assert.Equal(p.Probabilities[p.Label!] < threshold, p.Unsure));
        Assert.Contains(answers, p => p.Unsure);
        Assert.Contains(answers, p => !p.Unsure);
    }

    [Fact]
    public void AnOverrideReplacesTheModelsThreshold()
    {
        Assert.All(Classify(models.Calibrated(1.0, 1.0), unsureBelow: 0), p => Assert.False(p.Unsure));
        Assert.All(Classify(models.PlainModel, unsureBelow: 1), p => Assert.True(p.Unsure));
        Assert.All(Classify(models.PlainModel), p => Assert.False(p.Unsure)); // uncalibrated: never unsure
    }

    [Fact]
    public void AnOverrideOutsideZeroToOne_IsRefusedWithAClearMessage()
    {
        using TrainedModel model = ModelStore.Load(models.PlainModel);
        var ex = Assert.Throws<FaceMaskException>(() => new ImageClassifier(model, unsureBelow: 1.5));
        Assert.Contains("unsure threshold must be between 0 and 1", ex.Message, StringComparison.Ordinal);
        Assert.Throws<FaceMaskException>(() => FilePredictor.Classify(model, models.Images, unsureBelow: -0.5));
        Assert.Throws<FaceMaskException>(() => new PhotoAnalyzerOptions { UnsureBelow = 1.5 }.Validate());
    }

    [Fact]
    public void AnUnreadableFileIsAnErrorNotAnUnsureAnswer()
    {
        using var temp = new Support.TempDirectory();
        string bad = temp.Write("bad.png", "not a png"u8.ToArray());
        ImagePrediction error = Assert.Single(Classify(models.Calibrated(1.0, 1.0), files: [bad]));
        Assert.NotNull(error.Error);
        Assert.Null(error.Label);
        Assert.False(error.Unsure);
    }

    [DetectorFact]
    public void PhotoAnalyzer_FlagsUnsureFaces_AndReportsTheCalibrationInEffect()
    {
        string model = models.Calibrated(0.5, 1.0);
        byte[] photo = DetectionFixture.FlatPng(90, 60, new SKColor(200, 60, 40));

        using (var analyzer = PhotoAnalyzer.Open(model))
        {
            FaceResult face = Assert.Single(analyzer.Analyze(photo, "flat.png").Faces);
            Assert.True(face.Unsure);
            Assert.Equal(face.Probabilities.MaxBy(kv => kv.Value).Key, face.Label);
            Assert.Equal((0.5, 1.0), (analyzer.Calibration.Temperature, analyzer.Calibration.UnsureBelow));
        }

        using var overridden = PhotoAnalyzer.Open(model, new PhotoAnalyzerOptions { UnsureBelow = 0 });
        Assert.False(Assert.Single(overridden.Analyze(photo, "flat.png").Faces).Unsure);
        Assert.Equal((0.5, 0.0), (overridden.Calibration.Temperature, overridden.Calibration.UnsureBelow));
    }

    private IReadOnlyList<ImagePrediction> Classify(string modelFolder, double? unsureBelow = null, IReadOnlyList<string>? files = null)
    {
        using TrainedModel model = ModelStore.Load(modelFolder);
        return FilePredictor.Classify(model, files ?? models.Images, unsureBelow);
    }
}
