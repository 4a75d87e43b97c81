using FaceMask.Data;
using FaceMask.Export;
using FaceMask.Features;
using FaceMask.Inference;
using FaceMask.Models;
using FaceMask.Protocols;
using FaceMask.Runtime;
using FaceMask.Tests.Support;
using FaceMask.Training;
using Xunit;
using Xunit.Abstractions;

namespace FaceMask.Tests.Export;

/// <summary>ONNX export of the seed CNNs on small generated images: parity with TorchSharp, metadata, refusals, CLI.</summary>
public sealed class OnnxExportTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(ModelArchitectures.Seed5, 32, "stretch")]
    [InlineData(ModelArchitectures.Seed4, 24, "center-crop")]
    public void ExportedSeedCnnMatchesTorchSharp(string arch, int size, string resize)
    {
        // both resize modes and an unusual normalisation, which the graph must apply as training did
        string root = temp["data"];
        SyntheticDataset.Create(root, classes: 3, perClass: 12, side: 40, seed: 3);
        using var model = Train(root, arch, size, ResizeModeNames.Parse(resize), new Normalization([0.4f, 0.5f, 0.6f], [0.2f, 0.25f, 0.3f]));
        string dir = temp["model"];
        ModelStore.Save(model, dir);

        var result = OnnxExporter.Export(dir, temp["model.onnx"]);
        Assert.Equal(Path.GetFullPath(temp["model.onnx"]), result.Path);
        Assert.Equal(new FileInfo(result.Path).Length, result.Bytes);
        Assert.Contains($"[N, 3, {size}, {size}]", result.Input, StringComparison.Ordinal);

        var files = ImageClassifier.ExpandPaths([root]);
        float worst = OnnxParity.AssertMatches(model, result.Path, files);
        output.WriteLine($"{arch}: largest |p_torch - p_onnx| over {files.Count} images = {worst:E2}");
        _ = OnnxParity.RunOnnx(result.Path, files.Take(1).ToList(), out var metadata);
        Assert.Equal(resize, metadata["resize"]);
        Assert.Equal(size.ToString(System.Globalization.CultureInfo.InvariantCulture), metadata["input_size"]);
        Assert.Contains("mean [0.4, 0.5, 0.6], std [0.2, 0.25, 0.3]", metadata["normalization"], StringComparison.Ordinal);
    }

    [Fact]
    public void ExportChangesWhenTheNormalisationChanges()
    {
        // The exported graph reads the manifest's normalisation, and the parity tolerance is tight enough to notice a
        // wrong one: the same weights under another normalisation differ by far more than the tolerance.
        string root = SyntheticDataset.Create(temp["data"], classes: 3, perClass: 4, side: 32, seed: 4);
        using var model = Train(root, ModelArchitectures.Seed5, 32, ResizeMode.Stretch, Normalization.Half);
        var files = ImageClassifier.ExpandPaths([root]);
        OnnxExporter.Export(model, temp["half.onnx"]);
        model.Manifest = model.Manifest with { Normalization = Normalization.Identity };
        OnnxExporter.Export(model, temp["identity.onnx"]);
        float[][] half = OnnxParity.RunOnnx(temp["half.onnx"], files, out _);
        float[][] identity = OnnxParity.RunOnnx(temp["identity.onnx"], files, out _);
        float largest = half.Zip(identity).Max(p => p.First.Zip(p.Second).Max(q => Math.Abs(q.First - q.Second)));
        Assert.True(largest > 5 * OnnxParity.Tolerance, $"largest difference {largest}");
    }

    [Fact]
    public void FaceCropModelsSayHowToCropInTheirMetadata()
    {
        string root = SyntheticDataset.Create(temp["data"], classes: 3, perClass: 4, side: 32, seed: 4);
        using var model = Train(root, ModelArchitectures.Seed5, 32, ResizeMode.Stretch, Normalization.Half);
        var files = ImageClassifier.ExpandPaths([root]).Take(1).ToList();
        OnnxExporter.Export(model, temp["whole.onnx"]);
        model.Manifest = model.Manifest with { FaceCrop = new FaceCropSettings("front", 0.5f, 0.25f) };
        OnnxExporter.Export(model, temp["faces.onnx"]);

        _ = OnnxParity.RunOnnx(temp["whole.onnx"], files, out var whole);
        _ = OnnxParity.RunOnnx(temp["faces.onnx"], files, out var faces);
        Assert.False(whole.ContainsKey("face_crop"));
        Assert.Contains("BlazeFace front", faces["face_crop"], StringComparison.Ordinal);
        Assert.Contains("0.25", faces["face_crop"], StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesToOverwriteWithoutBeingAsked()
    {
        string root = SyntheticDataset.Create(temp["data"], classes: 2, perClass: 4, side: 16, seed: 5);
        using var model = Train(root, ModelArchitectures.Seed4, 16, ResizeMode.Stretch, Normalization.Half);
        string onnx = temp["out.onnx"];
        File.WriteAllText(onnx, "keep me");
        var ex = Assert.Throws<FaceMaskException>(() => OnnxExporter.Export(model, onnx));
        Assert.Contains(onnx, ex.Message, StringComparison.Ordinal);
        Assert.Contains("--overwrite", ex.Message, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(onnx));

        OnnxExporter.Export(model, onnx, overwrite: true);
        Assert.NotEqual("keep me", File.ReadAllText(onnx));
        Assert.Single(Directory.GetFiles(temp.Path)); // no temporary file left beside it

        var folder = Assert.Throws<FaceMaskException>(() => OnnxExporter.Export(model, temp["data"], overwrite: true));
        Assert.Contains("is a folder", folder.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedArchitectureIsAClearError()
    {
        TorchRuntime.Configure(1, 1);
        var manifest = new ModelManifest { Arch = "vgg16", Classes = ["a", "b"], InputSize = 16, Normalization = Normalization.Half };
        using var model = new TrainedModel(ModelArchitectures.Create(ModelArchitectures.Seed4, 2, 16), manifest);
        var ex = Assert.Throws<FaceMaskException>(() => OnnxExporter.Export(model, temp["x.onnx"]));
        Assert.Contains("architecture 'vgg16' cannot be exported", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(temp["x.onnx"]));

        // a seed manifest whose network is something else is refused too, not exported wrongly
        var head = new ModelManifest { Arch = ModelArchitectures.Seed5, Classes = ["a", "b"], InputSize = 224, Normalization = Normalization.Half };
        using var mismatched = new TrainedModel(ModelArchitectures.Create(ModelArchitectures.ResNet18, 2, 224), head);
        ex = Assert.Throws<FaceMaskException>(() => OnnxExporter.Export(mismatched, temp["y.onnx"]));
        Assert.Contains("not a seed CNN", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandWritesTheFileAndRefusesToOverwrite()
    {
        string root = SyntheticDataset.Create(temp["data"], classes: 2, perClass: 4, side: 16, seed: 6);
        using var model = Train(root, ModelArchitectures.Seed5, 16, ResizeMode.Stretch, Normalization.Half);
        string dir = temp["model"];
        ModelStore.Save(model, dir);
        string onnx = temp["cli.onnx"];

        var (code, text) = CliRunner.Run("export", "--model", dir, "--onnx", onnx);
        Assert.True(code == 0, text);
        Assert.Contains("wrote", text, StringComparison.Ordinal);
        Assert.Contains("class0, class1", text, StringComparison.Ordinal);
        Assert.True(new FileInfo(onnx).Length > 1000);

        (code, text) = CliRunner.Run("export", "--model", dir, "--onnx", onnx);
        Assert.Equal(2, code);
        Assert.Contains("already exists", text, StringComparison.Ordinal);

        (code, text) = CliRunner.Run("export", "--model", dir, "--onnx", onnx, "--overwrite");
        Assert.True(code == 0, text);

        (code, text) = CliRunner.Run("export", "--model", temp["missing"], "--onnx", temp["m.onnx"]);
        Assert.Equal(2, code);
        Assert.Contains("no such model folder", text, StringComparison.Ordinal);

        (code, text) = CliRunner.Run("export", "--model", dir);
        Assert.Equal(2, code);
        Assert.Contains("--onnx FILE, --half DIR or --int8 DIR is required", text, StringComparison.Ordinal);
    }

    private static TrainedModel Train(string root, string arch, int size, ResizeMode resize, Normalization normalization)
    {
        var data = DatasetLoader.Load(root, new DatasetLoadOptions { Size = size, Resize = resize, UseCache = false });
        var options = new ExperimentOptions
        {
            Arch = arch,
            Normalization = normalization,
            Training = new TrainingOptions { Epochs = 1, BatchSize = 8, Threads = 1, Seed = 2 },
        };
        var result = HoldoutProtocol.Run(data, options, testFraction: 0);
        return result.Model!;
    }
}
