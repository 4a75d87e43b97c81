using FaceMask.Data;
using FaceMask.Inference;
using FaceMask.Models;
using FaceMask.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace FaceMask.Tests.Inference;

/// <summary>
/// <see cref="InferenceEngine.OnnxRuntime"/>: the classifier runs the model's exported graph in ONNX Runtime and gives
/// the answers libtorch gives (labels, calibrated probabilities, unsure flags) for files and in-memory images.
/// </summary>
public sealed class OnnxEngineTests(CalibratedModelFixture models, ITestOutputHelper output) : IClassFixture<CalibratedModelFixture>
{
    // float rounding of two libraries' convolutions; the answers of these images differ by far more (checked below)
    private const double Tolerance = 1e-5;

    [Fact]
    public void PriorCorrectedModel_AnswersAsTorch_CorrectedOnce()
    {
        // A strong correction: were it applied in the graph and again by the classifier, the probabilities would differ.
        string directory = models.PriorCorrected(1.0, 0.8, 0.15, 0.05);
        using TrainedModel model = ModelStore.Load(directory);
        using var torch = new ImageClassifier(model);
        using var onnx = new ImageClassifier(model, engine: InferenceEngine.OnnxRuntime);
        Assert.Equal(InferenceEngine.OnnxRuntime, onnx.Engine);

        IReadOnlyList<ImagePrediction> expected = torch.Classify(models.Images);
        IReadOnlyList<ImagePrediction> got = onnx.Classify(models.Images);
        Assert.True(expected.Select(p => p.Probabilities["class0"]).Distinct().Count() > models.Images.Count / 2, "the test images must get different answers");
        AssertSameAnswers(expected, got);
    }

    [Fact]
    public void InMemoryImages_AndUnreadableFiles_AsTorch()
    {
        using TrainedModel model = ModelStore.Load(models.Calibrated(1.7, 0.6));
        using var torch = new ImageClassifier(model);
        using var onnx = new ImageClassifier(model, engine: InferenceEngine.OnnxRuntime);
        var bitmaps = models.Images.Select(f => ImageDecoder.DecodeBitmap(File.ReadAllBytes(f), f)).ToList();
        try
        {
            string[] names = [.. models.Images.Select(Path.GetFileName)!];
            AssertSameAnswers(torch.ClassifyImages(bitmaps, names), onnx.ClassifyImages(bitmaps, names));
        }
        finally
        {
            bitmaps.ForEach(b => b.Dispose());
        }

        using var temp = new TempDirectory();
        string broken = temp.Write("broken.png", "not an image"u8.ToArray());
        IReadOnlyList<ImagePrediction> got = onnx.Classify([models.Images[0], broken, models.Images[1]]);
        Assert.NotNull(got[0].Label);
        Assert.Null(got[1].Label);
        Assert.Contains("broken.png", got[1].Error, StringComparison.Ordinal);
        AssertSameAnswers(torch.Classify([models.Images[0], models.Images[1]]), [got[0], got[2]]);
    }

    [SharedDataFact]
    public void ShippedDefaultModel_AnswersAsTorch_OnRealImages()
    {
        // the shipped resnet18-ft (224 px, prior-corrected and calibrated) on 15 real images of each class
        string images = SharedData.ImagesRoot!;
        string[] files = [.. Directory.GetDirectories(images).Order(StringComparer.Ordinal)
            .SelectMany(d => Directory.GetFiles(d, "*.jpg").Order(StringComparer.Ordinal).Take(15))];
        using TrainedModel model = ModelStore.Load(ModelStore.ResolveDirectory(null));
        using var torch = new ImageClassifier(model);
        using var onnx = new ImageClassifier(model, engine: InferenceEngine.OnnxRuntime);
        IReadOnlyList<ImagePrediction> expected = torch.Classify(files);
        IReadOnlyList<ImagePrediction> got = onnx.Classify(files);
        double worst = AssertSameAnswers(expected, got, tolerance: 1e-4);
        output.WriteLine($"default model, {files.Length} real images: same labels, largest |p_torch - p_onnx| = {worst:E2}");
    }

    [Theory]
    [InlineData("onnx", InferenceEngine.OnnxRuntime)]
    [InlineData("ONNXRuntime", InferenceEngine.OnnxRuntime)]
    [InlineData("torch", InferenceEngine.Torch)]
    public void EngineNames_Parse(string name, InferenceEngine engine)
    {
        Assert.Equal(engine, InferenceEngineNames.Parse(name));
        Assert.Equal(engine, InferenceEngineNames.Parse(InferenceEngineNames.ToName(engine)));
    }

    [Fact]
    public void UnknownEngineName_IsRefused()
    {
        var ex = Assert.Throws<FaceMaskException>(() => InferenceEngineNames.Parse("cuda"));
        Assert.Equal("unknown inference engine 'cuda' (use torch or onnx)", ex.Message);
    }

    private static double AssertSameAnswers(IReadOnlyList<ImagePrediction> expected, IReadOnlyList<ImagePrediction> got, double tolerance = Tolerance)
    {
        Assert.Equal(expected.Count, got.Count);
        double worst = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Path, got[i].Path);
            Assert.Equal(expected[i].Label, got[i].Label);
            Assert.Equal(expected[i].Unsure, got[i].Unsure);
            Assert.Equal(expected[i].Probabilities.Keys, got[i].Probabilities.Keys);
            foreach (var (label, p) in expected[i].Probabilities)
            {
                double difference = Math.Abs(p - got[i].Probabilities[label]);
                Assert.True(difference <= tolerance, $"{expected[i].Path} p_{label}: torch {p}, onnx {got[i].Probabilities[label]}");
                worst = Math.Max(worst, difference);
            }
        }

        return worst;
    }
}
