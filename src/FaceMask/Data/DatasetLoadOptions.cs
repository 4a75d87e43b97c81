namespace FaceMask.Data;

/// <summary>How a dataset is loaded (<c>Features.DatasetLoader.Load</c>): as pixels of which size, or as which backbone's features.</summary>
public sealed record DatasetLoadOptions
{
    /// <summary>Width and height of every decoded image in pixels (default 32, the original system's input size).</summary>
    public int Size { get; init; } = 32;

    /// <summary>How images are brought to <see cref="Size"/>×<see cref="Size"/> (default <see cref="ResizeMode.Stretch"/>).</summary>
    public ResizeMode Resize { get; init; } = ResizeMode.Stretch;

    /// <summary>When true, the first unusable image file throws its <see cref="ImageDecodeException"/> instead of being skipped.</summary>
    public bool Strict { get; init; }

    /// <summary>
    /// Folder for the decoded-pixel cache; null picks the default (<c>&lt;root's parent&gt;/.facemask-cache</c> when
    /// writable, else <c>$XDG_CACHE_HOME/facemask</c> or <c>~/.cache/facemask</c>). It must not be inside the dataset.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Whether decoded pixels (or backbone features) are cached between runs (default true).</summary>
    public bool UseCache { get; init; } = true;

    /// <summary>
    /// A frozen backbone (<c>"resnet18"</c>) whose features are extracted and kept instead of the pixels
    /// (<c>LoadedDataset.Features</c>); null (default) keeps pixels. <see cref="Size"/> must then be the backbone's input size.
    /// </summary>
    public string? Backbone { get; init; }

    /// <summary>Folder holding the backbone's ONNX files; null uses <c>&lt;application folder&gt;/models/&lt;backbone&gt;</c>.</summary>
    public string? BackboneDirectory { get; init; }

    /// <summary>
    /// A step run on each decoded image before it is resized (for a model trained on face crops: crop the best face, as
    /// <c>predict</c> does); null (default) loads the images as they are. Not run on a dataset that already is a
    /// face-cropped copy when the step crops faces. The cache is kept apart per step (<see cref="IImagePreparer.Id"/>).
    /// The caller owns it (and disposes it after loading).
    /// </summary>
    public IImagePreparer? Preparer { get; init; }
}
