using FaceMask.Data;
using FaceMask.Detection;
using FaceMask.Models;
using FaceMask.Runtime;
using SkiaSharp;

namespace FaceMask.Tests.Support;

/// <summary>Shared helpers of the detection tests: where the detector and the astronaut photo are, small models and images.</summary>
internal static class DetectionFixture
{
    /// <summary>Where .ci/run extracts Debian's python3-skimage package.</summary>
    public const string CiSkimageRoot = "/tmp/facemask-ci/skimage";

    private const string AstronautInPackage = "usr/lib/python3/dist-packages/skimage/data/astronaut.png";

    /// <summary>Why detector tests skip (a model file is missing), or null when both are there.</summary>
    public static string? MissingDetectorReason
    {
        get
        {
            foreach (BlazeFaceModel model in BlazeFaceModel.All)
            {
                try
                {
                    model.Locate();
                }
                catch (FaceMaskException ex)
                {
                    return ex.Message;
                }
            }

            return null;
        }
    }

    /// <summary>The astronaut photo: $FACEMASK_ASTRONAUT, else the CI extraction path; null when neither exists.</summary>
    public static string? AstronautPath =>
        new[] { Environment.GetEnvironmentVariable("FACEMASK_ASTRONAUT"), Path.Combine(CiSkimageRoot, AstronautInPackage) }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    /// <summary>Saves an untrained seed4 model (16 px, three classes) into <paramref name="directory"/>.</summary>
    public static string SaveTinyModel(string directory)
    {
        TorchRuntime.Configure(1, 3);
        var manifest = new ModelManifest { Arch = "seed4", Classes = ["a", "b", "c"], InputSize = 16, Normalization = Normalization.Half };
        using var model = new TrainedModel(ModelArchitectures.Create("seed4", 3, 16), manifest);
        ModelStore.Save(model, directory);
        return directory;
    }

    /// <summary>A PNG of one flat colour (no face).</summary>
    public static byte[] FlatPng(int width, int height, SKColor colour)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(colour);
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>Decodes a file as the analyser does.</summary>
    public static SKBitmap Decode(string path) => ImageDecoder.DecodeBitmap(File.ReadAllBytes(path), path);
}
