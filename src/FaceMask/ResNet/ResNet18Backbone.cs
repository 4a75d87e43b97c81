using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace FaceMask.ResNet;

/// <summary>
/// The frozen ResNet18 feature extractor shipped as two ONNX files by the NuGet package
/// Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1: a preprocessing model (planar RGB 0–255 in, reordered to BGR
/// with a stored mean image subtracted) and the ImageNet-trained ResNet18 whose global-average-pooled output
/// (<see cref="NetworkOutput"/>) gives 512 features per image. The files fix the batch size at 1; feature extraction
/// loads them with a symbolic batch dimension (<c>Features.FeatureExtractor</c>).
/// </summary>
/// <remarks>
/// The build copies both files to <c>&lt;application folder&gt;/models/resnet18/</c> (<see cref="DefaultDirectory"/>);
/// model folders never hold a copy, they record the files' SHA-256 instead (<c>Models.BackboneManifest.Of</c>).
/// </remarks>
public sealed class ResNet18Backbone
{
    /// <summary>Backbone name, as written in manifests and cache file names.</summary>
    public const string Name = "resnet18";

    /// <summary>File name of the preprocessing model.</summary>
    public const string PreprocessFile = "ResNetPreprocess.onnx";

    /// <summary>File name of the ResNet18 model.</summary>
    public const string NetworkFile = "ResNet18.onnx";

    /// <summary>Input side in pixels.</summary>
    public const int InputSize = 224;

    /// <summary>Features per image.</summary>
    public const int FeatureLength = 512;

    /// <summary>Where the ONNX files come from.</summary>
    public const string Source = "NuGet Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1";

    /// <summary>Input of the preprocessing model: 1×3×224×224 float, planar RGB, 0–255.</summary>
    public const string PreprocessInput = "OriginalInput";

    /// <summary>Output of the preprocessing model.</summary>
    public const string PreprocessOutput = "PreprocessedInput";

    /// <summary>Input of the ResNet18 model (the preprocessing model's output).</summary>
    public const string NetworkInput = "Input247";

    /// <summary>The ResNet18 output used as features: global average pooling, 1×512×1×1.</summary>
    public const string NetworkOutput = "Pooling395_Output_0";

    private static readonly ConcurrentDictionary<(string Path, long Length, long Ticks), string> HashCache = new();

    private IReadOnlyDictionary<string, string>? hashes;

    private ResNet18Backbone(string directory)
    {
        Directory = directory;
    }

    /// <summary>The folder the build copies the ONNX files to: <c>&lt;application folder&gt;/models/resnet18</c>.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "models", Name);

    /// <summary>Full path of the folder holding the two ONNX files.</summary>
    public string Directory { get; }

    /// <summary>Full path of <see cref="PreprocessFile"/>.</summary>
    public string PreprocessPath => Path.Combine(Directory, PreprocessFile);

    /// <summary>Full path of <see cref="NetworkFile"/>.</summary>
    public string NetworkPath => Path.Combine(Directory, NetworkFile);

    /// <summary>SHA-256 (lower-case hex) of each ONNX file, by file name; computed once per file version and process.</summary>
    public IReadOnlyDictionary<string, string> FileHashes => hashes ??= new Dictionary<string, string>
    {
        [PreprocessFile] = HashOf(PreprocessPath),
        [NetworkFile] = HashOf(NetworkPath),
    };

    /// <summary>Short identity of the exact files (first 16 hex digits of a SHA-256 over both file hashes), used to key feature caches.</summary>
    public string Id => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(
        FileHashes[PreprocessFile] + FileHashes[NetworkFile])))[..16];

    /// <summary>Finds the two ONNX files in <paramref name="directory"/> (null: <see cref="DefaultDirectory"/>).</summary>
    /// <exception cref="FaceMaskException">A file is missing; the message names it and how to get it back.</exception>
    public static ResNet18Backbone Locate(string? directory = null)
    {
        string full = Path.GetFullPath(string.IsNullOrWhiteSpace(directory) ? DefaultDirectory : directory);
        foreach (string file in new[] { PreprocessFile, NetworkFile })
        {
            string path = Path.Combine(full, file);
            if (!File.Exists(path))
            {
                throw new FaceMaskException(
                    $"{path}: the {Name} backbone file is missing. The build copies {PreprocessFile} and {NetworkFile} from the " +
                    $"{Source} package into <application folder>/models/{Name}/; rebuild (dotnet build) or restore that folder.");
            }
        }

        return new ResNet18Backbone(full);
    }

    private static string HashOf(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FaceMaskException($"{path}: the {Name} backbone file is missing");
        }

        return HashCache.GetOrAdd((info.FullName, info.Length, info.LastWriteTimeUtc.Ticks), key =>
        {
            using var stream = File.OpenRead(key.Path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        });
    }
}
