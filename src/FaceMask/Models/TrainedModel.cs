using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceMask.Models;

/// <summary>A network together with the manifest that describes its inputs and classes.</summary>
public sealed class TrainedModel : IDisposable
{
    /// <summary>Wraps a network and its manifest.</summary>
    public TrainedModel(Module<Tensor, Tensor> network, ModelManifest manifest)
    {
        Network = network;
        Manifest = manifest;
    }

    /// <summary>The network.</summary>
    public Module<Tensor, Tensor> Network { get; }

    /// <summary>What the network expects and produces.</summary>
    public ModelManifest Manifest { get; set; }

    /// <inheritdoc />
    public void Dispose() => Network.Dispose();
}
