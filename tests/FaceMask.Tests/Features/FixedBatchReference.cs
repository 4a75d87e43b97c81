using FaceMask.Data;
using FaceMask.ResNet;
using FaceMask.Tests.Support;
using Microsoft.ML.OnnxRuntime;

namespace FaceMask.Tests.Features;

/// <summary>
/// The extraction as it was before batching: the backbone's two ONNX files loaded from disk as shipped (batch
/// dimension fixed at 1), one run for the image and one for its mirror. The reference the batched extractor is checked against.
/// </summary>
internal sealed class FixedBatchReference : IDisposable
{
    private readonly InferenceSession preprocess;
    private readonly InferenceSession network;

    public FixedBatchReference(ResNet18Backbone backbone)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        preprocess = new InferenceSession(backbone.PreprocessPath, options);
        network = new InferenceSession(backbone.NetworkPath, options);
    }

    /// <summary>Image features then mirror features (1,024 floats) of a 3×224×224 planar RGB image.</summary>
    public float[] Pair(byte[] chw)
    {
        var pair = new float[1024];
        Features(chw).CopyTo(pair, 0);
        Features(ResNet.ResNet18BackboneTests.Mirror(chw)).CopyTo(pair, 512);
        return pair;
    }

    public void Dispose()
    {
        network.Dispose();
        preprocess.Dispose();
    }

    /// <summary>Distinct generated test images: coloured shapes at 224 px, each with its own colour, place and noise.</summary>
    public static List<byte[]> Images(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(i => ImageDecoder.DecodeResized(SyntheticDataset.Render(i, 64, random), $"image {i}", 224, ResizeMode.Stretch))
            .ToList();
    }

    private float[] Features(byte[] chw)
    {
        float[] input = chw.Select(b => (float)b).ToArray();
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [1, 3, 224, 224]);
        using var prepared = preprocess.Run(new RunOptions(), [ResNet18Backbone.PreprocessInput], [inputValue], [ResNet18Backbone.PreprocessOutput]);
        using var features = network.Run(new RunOptions(), [ResNet18Backbone.NetworkInput], [prepared[0]], [ResNet18Backbone.NetworkOutput]);
        return features[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
