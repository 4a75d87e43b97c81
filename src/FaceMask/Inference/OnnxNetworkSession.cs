using FaceMask.Export;
using FaceMask.Models;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace FaceMask.Inference;

/// <summary>
/// A model's network run by ONNX Runtime: its exported graph (<see cref="OnnxExporter.NetworkGraph"/>, built in memory
/// from the loaded weights, without the prior correction the classifier applies itself) in a session with a fixed
/// number of threads, taking resized planar RGB uint8 images and giving the network's own probabilities, as the TorchSharp network does.
/// </summary>
/// <remarks>
/// <see cref="Probabilities"/> may be called from several threads at once (ONNX Runtime's sessions are thread-safe);
/// with one intra-op thread and no spinning each call computes on its caller's thread only, so callers decide how many
/// cores are busy, as with libtorch on one thread (what <c>serve</c>'s batch workers do).
/// </remarks>
internal sealed class OnnxNetworkSession : IDisposable
{
    private readonly InferenceSession session;
    private readonly int classes;

    /// <summary>Builds the graph of <paramref name="model"/>'s network and opens it.</summary>
    /// <param name="model">The loaded model.</param>
    /// <param name="backboneDirectory">For resnet18: the folder of the backbone's ONNX files; null uses the application's.</param>
    /// <param name="intraOpThreads">ONNX Runtime intra-op threads of the session.</param>
    /// <exception cref="FaceMaskException">The architecture has no ONNX graph, its backbone files are missing or differ, or ONNX Runtime refuses the graph.</exception>
    public OnnxNetworkSession(TrainedModel model, string? backboneDirectory = null, int intraOpThreads = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        byte[] graph = OnnxExporter.NetworkGraph(model, backboneDirectory).ToByteArray();
        using SessionOptions options = Runtime.OnnxSessionSettings.Create(intraOpThreads);
        try
        {
            session = new InferenceSession(graph, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new FaceMaskException($"{model.Manifest.Arch} model: ONNX Runtime cannot run its exported graph ({ex.Message})", ex);
        }

        classes = model.Manifest.Classes.Count;
        if (!session.InputMetadata.TryGetValue(OnnxMetadata.InputName, out NodeMetadata? input) || input.Dimensions is not [_, 3, var h, var w] || h != w)
        {
            session.Dispose();
            throw new FaceMaskException($"{model.Manifest.Arch} model: its exported graph does not take square RGB images");
        }

        Side = h;
    }

    /// <summary>The side, in pixels, of the images the graph takes.</summary>
    public int Side { get; }

    /// <summary>The network's probabilities for planar RGB images of <see cref="Side"/> pixels a side, converted straight into one float batch.</summary>
    /// <exception cref="ArgumentException">No image, or one that is not 3 × <see cref="Side"/> × <see cref="Side"/> bytes.</exception>
    public float[][] Probabilities(IReadOnlyList<byte[]> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        int count = images.Count;
        int per = 3 * Side * Side;
        if (count < 1 || images.Any(image => image.Length != per))
        {
            throw new ArgumentException($"expected one or more images of 3×{Side}×{Side} bytes", nameof(images));
        }

        var input = new float[count * per];
        for (int k = 0; k < count; k++)
        {
            byte[] image = images[k];
            Span<float> target = input.AsSpan(k * per, per);
            for (int i = 0; i < per; i++)
            {
                target[i] = image[i];
            }
        }

        using var value = OrtValue.CreateTensorValueFromMemory(input, [count, 3, Side, Side]);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(runOptions, [OnnxMetadata.InputName], [value], [OnnxMetadata.OutputName]);
        ReadOnlySpan<float> flat = outputs[0].GetTensorDataAsSpan<float>();
        var result = new float[count][];
        for (int k = 0; k < count; k++)
        {
            result[k] = flat.Slice(k * classes, classes).ToArray();
        }

        return result;
    }

    /// <inheritdoc/>
    public void Dispose() => session.Dispose();
}
