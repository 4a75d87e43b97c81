using FaceMask.Data;
using FaceMask.Features;
using FaceMask.Detection;
using FaceMask.Export;
using FaceMask.Inference;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Tests.Export;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Inference;

/// <summary>
/// A model whose calibration divides out its training class shares answers the same everywhere: predict (and through
/// <see cref="ImageClassifier"/> detect, video and serve), evaluate, and the exported ONNX graph.
/// </summary>
public sealed class PriorCorrectedAnswerTests : IClassFixture<CalibratedModelFixture>, IDisposable
{
    private readonly CalibratedModelFixture models;
    private readonly TempDirectory temp = new();

    public PriorCorrectedAnswerTests(CalibratedModelFixture models)
    {
        // the class the plain model answers most is made very common in "training" (share 0.9): dividing it out must
        // move some answers away from it, and can move none towards it
        this.models = models;
        string[] classes = [.. ModelStore.ReadManifest(models.PlainModel).Classes];
        Dominant = Classify(models.PlainModel).GroupBy(p => p.Label).MaxBy(g => g.Count())!.Key!;
        Shares = [.. classes.Select(c => c == Dominant ? 0.9 : 0.05)];
    }

    private string Dominant { get; }

    private double[] Shares { get; }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Predict_LabelsWithTheTopCorrectedClass()
    {
        IReadOnlyList<ImagePrediction> plain = Classify(models.PlainModel);
        IReadOnlyList<ImagePrediction> corrected = Classify(models.PriorCorrected(1.0, Shares));
        string[] classes = [.. ModelStore.ReadManifest(models.PlainModel).Classes];

        int changed = 0;
        for (int i = 0; i < plain.Count; i++)
        {
            float[] raw = [.. classes.Select(c => plain[i].Probabilities[c])];
            float[] expected = PriorCorrection.Apply(raw, Shares, 1.0);
            for (int c = 0; c < classes.Length; c++)
            {
                Assert.Equal(expected[c], corrected[i].Probabilities[classes[c]], 1e-5);
            }

            Assert.Equal(classes[Array.IndexOf(expected, expected.Max())], corrected[i].Label);
            changed += plain[i].Label == corrected[i].Label ? 0 : 1;
        }

        Assert.True(changed > 0, "the correction changed no label");
        Assert.DoesNotContain(corrected, p => p.Label == Dominant && plain.First(q => q.Path == p.Path).Label != Dominant);
    }

    [Fact]
    public void Evaluate_ReportsTheCorrectedAnswers()
    {
        var data = DatasetLoader.Load(models.Data, new DatasetLoadOptions { Size = 32, UseCache = false });
        using TrainedModel plainModel = ModelStore.Load(models.PlainModel);
        using TrainedModel correctedModel = ModelStore.Load(models.PriorCorrected(1.0, Shares));
        using var plain = EvaluationProtocol.Run(plainModel, data);
        using var corrected = EvaluationProtocol.Run(correctedModel, data);

        Assert.Equal(plain.Predictions.Count, corrected.Predictions.Count);
        for (int i = 0; i < plain.Predictions.Count; i++)
        {
            float[] expected = PriorCorrection.Apply(plain.Predictions[i].Probabilities, Shares, 1.0);
            Assert.Equal(Array.IndexOf(expected, expected.Max()), corrected.Predictions[i].Predicted);
            Assert.Equal(expected, corrected.Predictions[i].Probabilities);
        }

        Assert.NotEqual(plain.Predictions.Select(r => r.Predicted).ToArray(), corrected.Predictions.Select(r => r.Predicted).ToArray());
        Assert.Equal(corrected.Predictions.Count(r => r.Predicted == r.Truth) / (double)corrected.Predictions.Count, corrected.Test.Accuracy, 9);
    }

    [Fact]
    public void TheExportedGraph_GivesTheCorrectedProbabilities()
    {
        string model = models.PriorCorrected(1.0, Shares);
        string onnx = temp["corrected.onnx"];
        OnnxExporter.Export(model, onnx);
        float[][] exported = OnnxParity.RunOnnx(onnx, models.Images, out var metadata);
        IReadOnlyList<ImagePrediction> answers = Classify(model);
        string[] classes = [.. ModelStore.ReadManifest(model).Classes];

        for (int i = 0; i < answers.Count; i++)
        {
            for (int c = 0; c < classes.Length; c++)
            {
                Assert.Equal(answers[i].Probabilities[classes[c]], exported[i][c], 1e-4);
            }
        }

        Assert.Contains("training share", metadata["prior_correction"], StringComparison.Ordinal);
        OnnxExporter.Export(models.PlainModel, temp["plain.onnx"]);
        _ = OnnxParity.RunOnnx(temp["plain.onnx"], models.Images.Take(1).ToList(), out var plainMetadata);
        Assert.False(plainMetadata.ContainsKey("prior_correction"));
    }

    private IReadOnlyList<ImagePrediction> Classify(string modelFolder)
    {
        using TrainedModel model = ModelStore.Load(modelFolder);
        return FilePredictor.Classify(model, models.Images, null);
    }
}
