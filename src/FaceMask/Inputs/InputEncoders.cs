using FaceMask.Features;
using FaceMask.Models;

namespace FaceMask.Inputs;

/// <summary>Picks the <see cref="IInputEncoder"/> an architecture takes.</summary>
internal static class InputEncoders
{
    /// <summary>The encoder for <paramref name="arch"/>: pixels for the seed CNNs, raw pixels for resnet18-ft, backbone features for resnet18.</summary>
    /// <param name="arch">Architecture name.</param>
    /// <param name="backboneDirectory">Folder of the backbone's files for on-the-fly extraction; null uses the application's.</param>
    /// <param name="extraction">Threads for on-the-fly extraction; null uses the default.</param>
    public static IInputEncoder For(string arch, string? backboneDirectory = null, ExtractionOptions? extraction = null) => ModelArchitectures.Defaults(arch) switch
    {
        { Backbone: not null } => new FeatureInputEncoder(backboneDirectory, extraction),
        { TunedBackbone: not null } => PixelInputEncoder.Raw,
        _ => PixelInputEncoder.Instance,
    };
}
