using System.Security.Cryptography;
using System.Text.Json;
using FaceMask.ResNet;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceMask.Models;

/// <summary>Saves and loads model folders: <c>model.json</c> plus the weights file.</summary>
public static class ModelStore
{
    /// <summary>Name of the manifest file inside a model folder.</summary>
    public const string ManifestFile = "model.json";

    /// <summary>Folder name of the default model, under the application folder's <c>models/</c>.</summary>
    public const string DefaultModelName = "default";

    /// <summary>How model.json is written and read.</summary>
    internal static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>
    /// The default model shipped with the program: <c>&lt;application folder&gt;/models/default</c>, copied there by the
    /// build from the repository's <c>models/default</c> (see its MODEL_CARD.md for how it was trained).
    /// </summary>
    public static string DefaultModelDirectory => Path.Combine(AppContext.BaseDirectory, "models", DefaultModelName);

    /// <summary>The model folder to use: <paramref name="model"/> when given, else <see cref="DefaultModelDirectory"/>.</summary>
    /// <exception cref="FaceMaskException">No folder was given and the default model is not there.</exception>
    public static string ResolveDirectory(string? model) => ResolveDirectory(model, DefaultModelDirectory);

    /// <summary><see cref="ResolveDirectory(string?)"/> with another default folder.</summary>
    internal static string ResolveDirectory(string? model, string fallback)
    {
        if (!string.IsNullOrWhiteSpace(model))
        {
            return model;
        }

        if (!File.Exists(Path.Combine(fallback, ManifestFile)))
        {
            throw new FaceMaskException($"{fallback}: no --model given and the default model is missing there; rebuild (dotnet build) or pass --model DIR");
        }

        return fallback;
    }

    /// <summary>
    /// Writes the model into <paramref name="directory"/> atomically: everything goes to a temporary sibling folder
    /// that is renamed into place. An existing folder is replaced only when <paramref name="overwrite"/> is set.
    /// Weights are stored as the manifest's <see cref="ModelManifest.WeightsDtype"/> says; for float16 the network in
    /// memory is rounded the same way, so it predicts exactly what the loaded model will. A fine-tuned ResNet18 that
    /// keeps part of its ImageNet weights stores only the entries training changed
    /// (<see cref="ModelManifest.TunedWeights"/>): 33 MB instead of 61 MB for <c>--tune layer4</c>, 17 MB as float16.
    /// </summary>
    public static ModelManifest Save(TrainedModel model, string directory, bool overwrite = false)
    {
        string target = Path.GetFullPath(directory);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !overwrite)
        {
            throw new FaceMaskException($"{directory}: a model folder already exists there; choose another --out or remove it");
        }

        string parent = Path.GetDirectoryName(target) ?? ".";
        Directory.CreateDirectory(parent);
        string temp = Path.Combine(parent, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        Directory.CreateDirectory(temp);
        try
        {
            string weights = Path.Combine(temp, model.Manifest.WeightsFile);
            string scope = ScopeOf(model.Network);
            if (model.Manifest.WeightsDtype == ModelManifest.Int8Delta && scope != ModelManifest.TunedWeights)
            {
                throw new FaceMaskException($"{directory}: int8 differences are for a fine-tuned ResNet18 that keeps part of its ImageNet weights; this {model.Manifest.Arch} model has none to differ from");
            }

            WriteWeights(model, weights, scope);
            var manifest = model.Manifest with { WeightsScope = scope, WeightsSha256 = Sha256(weights) };
            File.WriteAllText(Path.Combine(temp, ManifestFile), JsonSerializer.Serialize(manifest, JsonOptions));
            foreach (var extra in Directory.Exists(target) ? Directory.GetFiles(target) : [])
            {
                // keep files the user put there (a model card, notes) when overwriting
                string name = Path.GetFileName(extra);
                if (name != ManifestFile && name != manifest.WeightsFile)
                {
                    File.Copy(extra, Path.Combine(temp, name));
                }
            }

            MoveIntoPlace(temp, target);

            model.Manifest = manifest;
            return manifest;
        }
        catch
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }

            throw;
        }
    }

    /// <summary>Renames the finished folder <paramref name="temp"/> to <paramref name="target"/>, replacing an existing one only once the new one is complete.</summary>
    internal static void MoveIntoPlace(string temp, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(temp, target);
            return;
        }

        string old = target + ".old-" + Guid.NewGuid().ToString("N")[..8];
        Directory.Move(target, old);
        Directory.Move(temp, target);
        Directory.Delete(old, recursive: true);
    }

    /// <summary>Reads and checks a model folder's manifest without loading the weights.</summary>
    public static ModelManifest ReadManifest(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new FaceMaskException($"{directory}: no such model folder");
        }

        string path = Path.Combine(directory, ManifestFile);
        if (!File.Exists(path))
        {
            throw new FaceMaskException($"{directory}: not a model folder (no {ManifestFile})");
        }

        ModelManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new FaceMaskException($"{path}: corrupt model manifest ({ex.Message})", ex);
        }

        if (manifest is null || manifest.Classes is null || manifest.Classes.Count < 2 || manifest.Normalization is null)
        {
            throw new FaceMaskException($"{path}: incomplete model manifest (classes, arch, input_size and normalization are required)");
        }

        if (manifest.Format != ModelManifest.CurrentFormat)
        {
            throw new FaceMaskException($"{path}: model format '{manifest.Format}' is not supported (expected '{ModelManifest.CurrentFormat}')");
        }

        if (manifest.WeightsDtype is not (ModelManifest.Float32 or ModelManifest.Float16 or ModelManifest.Int8Delta))
        {
            throw new FaceMaskException($"{path}: weights_dtype '{manifest.WeightsDtype}' is not supported (expected {ModelManifest.Float32}, {ModelManifest.Float16} or {ModelManifest.Int8Delta})");
        }

        if (manifest.WeightsScope is not (ModelManifest.AllWeights or ModelManifest.TunedWeights) ||
            (manifest.WeightsScope == ModelManifest.TunedWeights && ModelArchitectures.Defaults(manifest.Arch).TunedBackbone is null) ||
            (manifest.WeightsDtype == ModelManifest.Int8Delta && manifest.WeightsScope != ModelManifest.TunedWeights))
        {
            throw new FaceMaskException($"{path}: weights_scope '{manifest.WeightsScope}' is not supported for a {manifest.Arch} model (expected {ModelManifest.AllWeights}{(manifest.Arch == ModelArchitectures.ResNet18FineTuned ? " or " + ModelManifest.TunedWeights : string.Empty)})");
        }

        if (!ModelArchitectures.Names.Contains(manifest.Arch))
        {
            throw new FaceMaskException($"{path}: unknown architecture '{manifest.Arch}'; known: {string.Join(", ", ModelArchitectures.Names)}");
        }

        if (ModelArchitectures.Defaults(manifest.Arch).AnyBackbone is { } backbone)
        {
            if (manifest.Backbone is null || manifest.Backbone.Files is null || !string.Equals(manifest.Backbone.Name, backbone, StringComparison.Ordinal))
            {
                throw new FaceMaskException($"{path}: a {manifest.Arch} model needs a 'backbone' section naming {backbone} and its files' SHA-256");
            }

            if (manifest.Head is not null && !HeadKinds.Names.Contains(manifest.Head))
            {
                throw new FaceMaskException($"{path}: unknown head '{manifest.Head}'; known: {string.Join(", ", HeadKinds.Names)}");
            }
        }

        manifest.Calibration?.Validate(path, manifest.Classes);
        return manifest;
    }

    /// <summary>Loads a model folder, checking the weights' integrity. Errors name the folder and the problem.</summary>
    public static TrainedModel Load(string directory)
    {
        var manifest = ReadManifest(directory);
        string weights = Path.Combine(directory, manifest.WeightsFile);
        if (!File.Exists(weights))
        {
            throw new FaceMaskException($"{weights}: the model's weights file is missing");
        }

        if (manifest.WeightsSha256 is { } expected && !string.Equals(expected, Sha256(weights), StringComparison.OrdinalIgnoreCase))
        {
            throw new FaceMaskException($"{weights}: weights file is truncated or corrupt (checksum differs from model.json)");
        }

        if (ModelArchitectures.Defaults(manifest.Arch).TunedBackbone is not null)
        {
            // The network's structure is rebuilt from the backbone's graph: it must be the one the model was made from.
            manifest.Backbone!.EnsureMatches(ResNet18Backbone.Locate(), directory);
        }

        var network = ModelArchitectures.Create(manifest.Arch, manifest.Classes.Count, manifest.InputSize, manifest.Head, manifest.Tune);
        try
        {
            if (manifest.WeightsDtype == ModelManifest.Float32 && manifest.WeightsScope == ModelManifest.AllWeights)
            {
                network.load(weights);
            }
            else
            {
                StateFile.Read(network, weights, Include(network, manifest.WeightsScope));
            }
        }
        catch (Exception ex) when (ex is not FaceMaskException)
        {
            network.Dispose();
            string head = manifest.Head is null ? string.Empty : $" ({manifest.Head} head)";
            throw new FaceMaskException($"{weights}: weights do not fit a {manifest.Arch} model{head} with {manifest.Classes.Count} classes at {manifest.InputSize} px ({ex.Message})", ex);
        }

        network.eval();
        return new TrainedModel(network, manifest);
    }

    /// <summary>Versions recorded in every manifest.</summary>
    public static IReadOnlyDictionary<string, string> CurrentVersions() => new Dictionary<string, string>
    {
        ["facemask"] = typeof(ModelStore).Assembly.GetName().Version?.ToString() ?? "0",
        ["torchsharp"] = typeof(torch).Assembly.GetName().Version?.ToString() ?? "?",
        ["libtorch"] = torch.__version__,
        ["dotnet"] = Environment.Version.ToString(),
    };

    private static void WriteWeights(TrainedModel model, string path, string scope)
    {
        var (network, manifest) = (model.Network, model.Manifest);
        if (manifest.WeightsDtype == ModelManifest.Float32 && scope == ModelManifest.AllWeights)
        {
            network.save(path);
            return;
        }

        if (manifest.WeightsDtype != ModelManifest.Int8Delta)
        {
            StateFile.Write(network, path, manifest.WeightsDtype, Include(network, scope));
            return;
        }

        // The differences are taken from the network as its backbone builds it, which is what Load starts from.
        using var reference = ModelArchitectures.Create(manifest.Arch, manifest.Classes.Count, manifest.InputSize, manifest.Head, manifest.Tune);
        StateFile.Write(network, path, manifest.WeightsDtype, Include(network, scope), reference.state_dict());
    }

    // A fine-tuned ResNet18 that keeps part of its ImageNet weights stores only the part training changed.
    private static string ScopeOf(Module<Tensor, Tensor> network) =>
        network is ResNet18Network { TrainsEverything: false } ? ModelManifest.TunedWeights : ModelManifest.AllWeights;

    private static Func<string, bool>? Include(Module<Tensor, Tensor> network, string scope) => scope switch
    {
        ModelManifest.TunedWeights when network is ResNet18Network resnet => resnet.IsTrainedEntry,
        ModelManifest.TunedWeights => throw new FaceMaskException($"weights_scope '{scope}' needs a fine-tuned ResNet18"),
        _ => null,
    };

    /// <summary>The lower-case hex SHA-256 of a file, as model.json records the weights'.</summary>
    internal static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
