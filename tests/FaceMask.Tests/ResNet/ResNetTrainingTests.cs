using FaceMask.Data;
using FaceMask.Features;
using FaceMask.Inference;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.ResNet;
using FaceMask.Tests.Support;
using FaceMask.Training;
using Xunit;

namespace FaceMask.Tests.ResNet;

public sealed class ResNetTrainingTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static ExperimentOptions Options(string? head = null, int epochs = 30) => new()
    {
        Arch = ModelArchitectures.ResNet18,
        Head = head,
        Training = new TrainingOptions { Epochs = epochs, Threads = 1, Seed = 2 },
    };

    [Theory]
    [InlineData(HeadKinds.Mlp)]
    [InlineData(HeadKinds.Linear)]
    public void TinyGeneratedDatasetIsLearned(string head)
    {
        string root = ResNetFixture.Dataset(temp, perClass: 10);
        var data = ResNetFixture.LoadFeatures(root, temp["cache"]);
        using var result = KFoldProtocol.Run(data, Options(head), folds: 3);
        Assert.True(result.Test.Accuracy >= 0.9, $"out-of-fold accuracy {result.Test.Accuracy:0.000}");
        Assert.Equal(3, result.Folds.Count);
        var manifest = result.Model!.Manifest;
        Assert.Equal("resnet18", manifest.Arch);
        Assert.Equal(head, manifest.Head);
        Assert.Equal(224, manifest.InputSize);
        Assert.Equal("center-crop", manifest.Resize);
        Assert.Equal(ResNet18Backbone.Locate().FileHashes[ResNet18Backbone.NetworkFile], manifest.Backbone!.Files[ResNet18Backbone.NetworkFile]);
    }

    [Fact]
    public void SaveLoadAndPredictRoundTrip()
    {
        string root = ResNetFixture.Dataset(temp, perClass: 6);
        var data = ResNetFixture.LoadFeatures(root, temp["cache"]);
        using var result = HoldoutProtocol.Run(data, Options(epochs: 20), testFraction: 0);
        string dir = temp["model"];
        var saved = ModelStore.Save(result.Model!, dir);
        Assert.False(File.Exists(Path.Combine(dir, ResNet18Backbone.NetworkFile)), "the backbone is not copied into the model folder");
        string json = File.ReadAllText(Path.Combine(dir, "model.json"));
        Assert.Contains("\"arch\": \"resnet18\"", json, StringComparison.Ordinal);
        Assert.Contains("\"backbone\"", json, StringComparison.Ordinal);
        Assert.Contains(ResNet18Backbone.Locate().FileHashes[ResNet18Backbone.PreprocessFile], json, StringComparison.Ordinal);

        using var loaded = ModelStore.Load(dir);
        Assert.Equal(HeadKinds.Mlp, loaded.Manifest.Head);
        Assert.Equal(saved.Epochs, loaded.Manifest.Epochs);

        // Predicting the files (features extracted on the fly) gives the probabilities of the in-sample predictions.
        var files = data.Paths.Select(p => Path.Combine(root, p)).ToList();
        var predictions = new ImageClassifier(loaded).Classify(files);
        var rows = result.Predictions;
        for (int i = 0; i < files.Count; i++)
        {
            Assert.Null(predictions[i].Error);
            var row = rows.Single(r => r.Path == data.Paths[i]);
            Assert.Equal(data.Classes[row.Predicted], predictions[i].Label);
            for (int c = 0; c < data.Classes.Count; c++)
            {
                Assert.Equal(row.Probabilities[c], predictions[i].Probabilities[data.Classes[c]], 4);
            }
        }

        // Evaluation of the saved model on the same features gives the same accuracy.
        using var evaluation = EvaluationProtocol.Run(loaded, data);
        Assert.Equal(result.Test.Accuracy, evaluation.Test.Accuracy);
    }

    [Fact]
    public void PredictNamesUnreadableFilesAndAMissingOrDifferentBackbone()
    {
        string root = ResNetFixture.Dataset(temp, perClass: 3);
        var data = ResNetFixture.LoadFeatures(root, null);
        using var result = HoldoutProtocol.Run(data, Options(epochs: 2), testFraction: 0);
        string bad = temp["bad.png"];
        File.WriteAllText(bad, "not an image");
        var predictions = new ImageClassifier(result.Model!).Classify([Path.Combine(root, data.Paths[0]), bad]);
        Assert.NotNull(predictions[0].Label);
        Assert.Null(predictions[1].Label);
        Assert.Contains("bad.png", predictions[1].Error, StringComparison.Ordinal);

        string empty = temp["no-backbone"];
        Directory.CreateDirectory(empty);
        var ex = Assert.Throws<FaceMaskException>(() => new ImageClassifier(result.Model!, empty).Classify([bad]));
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);

        var backbone = result.Model!.Manifest.Backbone!;
        var files = backbone.Files.ToDictionary();
        files[ResNet18Backbone.NetworkFile] = new string('0', 64);
        result.Model.Manifest = result.Model.Manifest with { Backbone = backbone with { Files = files } };
        ex = Assert.Throws<FaceMaskException>(() => new ImageClassifier(result.Model).Classify([bad]));
        Assert.Contains("different ResNet18.onnx", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<FaceMaskException>(() => EvaluationProtocol.Run(result.Model, data).Dispose());
        Assert.Contains("other than the ones the model was trained on", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PixelDatasetsAndAugmentAreRefused()
    {
        string root = ResNetFixture.Dataset(temp, perClass: 2);
        var pixels = DatasetLoader.Load(root, new DatasetLoadOptions { Size = 224, UseCache = false });
        var ex = Assert.Throws<FaceMaskException>(() => HoldoutProtocol.Run(pixels, Options(epochs: 1), 0).Dispose());
        Assert.Contains("loaded as pixels", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<FaceMaskException>(() => HoldoutProtocol.Run(pixels, Options(epochs: 1) with { Training = new TrainingOptions { Augment = true } }, 0).Dispose());
        Assert.Contains("--augment", ex.Message, StringComparison.Ordinal);
    }
}
