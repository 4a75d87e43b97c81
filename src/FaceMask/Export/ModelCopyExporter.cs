using FaceMask.Models;

namespace FaceMask.Export;

/// <summary>
/// Writes a copy of a model folder with its weights stored more compactly, loaded back as 32-bit floats:
/// <see cref="ModelManifest.Float16"/> rounds every weight to 11 significant bits (half the size: a fine-tuned ResNet18
/// tuned from layer4 on goes from 53 to 26 MB, since only what training changed is stored at all);
/// <see cref="ModelManifest.Int8Delta"/> stores a fine-tuned ResNet18's tuned convolutions as int8 differences from
/// the backbone's ImageNet weights (13 MB). The copy's <c>model.json</c> says which in <c>weights_dtype</c>.
/// </summary>
public static class ModelCopyExporter
{
    /// <summary>Loads <paramref name="modelDirectory"/> and saves it with <paramref name="weightsDtype"/> weights to <paramref name="targetDirectory"/>.</summary>
    /// <param name="modelDirectory">A model folder (holds model.json).</param>
    /// <param name="targetDirectory">The model folder to write; refused if it exists and is not empty, unless <paramref name="overwrite"/>.</param>
    /// <param name="weightsDtype"><see cref="ModelManifest.Float16"/> or <see cref="ModelManifest.Int8Delta"/>.</param>
    /// <param name="overwrite">Replace an existing model folder.</param>
    /// <returns>The written manifest.</returns>
    public static ModelManifest Export(string modelDirectory, string targetDirectory, string weightsDtype, bool overwrite = false)
    {
        if (Path.GetFullPath(modelDirectory).TrimEnd('/') == Path.GetFullPath(targetDirectory).TrimEnd('/'))
        {
            throw new FaceMaskException($"{targetDirectory}: the compact copy must go to another folder than the model itself");
        }

        using var model = ModelStore.Load(modelDirectory);
        model.Manifest = model.Manifest with { WeightsDtype = weightsDtype };
        return ModelStore.Save(model, targetDirectory, overwrite);
    }
}
